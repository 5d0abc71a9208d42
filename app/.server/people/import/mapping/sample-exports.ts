/**
 * Exports in the shapes HR systems produce, as the mapping tests read them: one with "Employee #" and US dates,
 * one with Workday-style underscored names and manager employee ids, and a semicolon-separated European one
 * with DD.MM.YYYY dates. Lines count from 1 (the header), as in the import's problems.
 */
import Papa from "papaparse";

export const US_EXPORT = [
  "Employee #,First Name,Last Name,Work Email,Department,Job Title,Hire Date,Reports To,Employment Status,Location",
  "1001,Amara,Okafor,amara.okafor@northwind.test,Customer Support,Head of Support,03/02/2025,,Full-Time,Leeds",
  '1002,Sam,Lee,sam.lee@northwind.test,Customer Support,Team Lead,04/15/2025,"Okafor, Amara",Full-Time,Leeds',
  '1003,Sam,Lee,sam.lee2@northwind.test,Billing,Billing Specialist,01/06/2026,"Okafor, Amara",Part-Time,Remote',
  '1004,José,Núñez,jose.nunez@northwind.test,Customer Support,Support Advisor,03/02/2026,"Lee, Sam",Full-Time,Leeds',
  '1005,Priya,Shah,priya.shah@northwind.test,Billing,Billing Advisor,02/16/2026,"okafor, amara",Terminated,Remote',
  "1006,Noah,Fischer,noah.fischer@northwind.test,Billing,Billing Advisor,02/30/2026,Amara Okafor,On Leave,Leeds",
].join("\r\n");

export const WORKDAY_EXPORT = [
  "Employee_ID,Legal_Name_First_Name,Legal_Name_Last_Name,Primary_Work_Email,Supervisory_Organization,Business_Title,Hire_Date,Manager_Employee_ID,Worker_Status,Cost_Center",
  "W-00017,Lina,Berg,lina.berg@contoso.test,Field Service,Director Field Service,2024-09-02,,Active,CC-410",
  "W-00023,Tomás,García,tomas.garcia@contoso.test,Field Service,Field Engineer,2026-01-12,W-00017,Active,CC-410",
  "W-00031,Mei,Chen,mei.chen@contoso.test,Field Service,Field Engineer,2025-06-30,w-00017,On Leave,CC-410",
  "W-00044,Ola,Nilsen,ola.nilsen@contoso.test,Field Service,Dispatcher,2023-11-20,W-00017,Terminated,CC-412",
  "W-00052,Ravi,Iyer,ravi.iyer@contoso.test,Field Service,Field Engineer,2026-02-02,W-00099,Active,CC-410",
].join("\n");

export const EUROPEAN_EXPORT = [
  "Employee Number;Surname;First Name;Email Address;Department;Position;Start Date;Manager Email;Status;Office",
  "00042;Müller;Jürgen;juergen.mueller@fabrikam.test;Lager;Lagerleiter;01.03.2024;;Active;Hamburg",
  "00057;Schmidt;Anna;anna.schmidt@fabrikam.test;Lager;Kommissioniererin;15.01.2026;juergen.mueller@fabrikam.test;Active;Hamburg",
  "00061;Kowalski;Piotr;piotr.kowalski@fabrikam.test;Versand;Fahrer;02.02.2026;juergen.mueller@fabrikam.test;Ausgetreten;Bremen",
  "00070;Dubois;Élodie;elodie.dubois@fabrikam.test;Versand;Disponentin;31.02.2026;juergen.mueller@fabrikam.test;Sabbatical;Bremen",
].join("\n");

/** A file's header and its rows, each with its line. */
export function readExport(text: string): { headers: string[]; rows: { line: number; values: string[] }[] } {
  const delimiter = text.split("\n")[0]!.includes(";") ? ";" : ",";
  const [headers = [], ...rows] = Papa.parse<string[]>(text.trim(), { delimiter }).data;
  return { headers, rows: rows.map((values, i) => ({ line: i + 2, values })) };
}

/** The values of one column, by header name, with their lines. */
export function column(text: string, header: string): { line: number; value: string }[] {
  const { headers, rows } = readExport(text);
  const i = headers.indexOf(header);
  if (i === -1) throw new Error(`No column ${header}`);
  return rows.map((r) => ({ line: r.line, value: r.values[i] ?? "" }));
}
