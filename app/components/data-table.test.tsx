import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "./ui";

const rows = [
  { name: "Kofi Mensah", state: "Overdue", manager: "Daniel Osei" },
  { name: "Ella Novak", state: "Ready", manager: null },
];

function render(phone?: "cards" | "scroll") {
  return renderToStaticMarkup(
    <DataTable headers={["Person", "State", "Manager"]} phone={phone}>
      {rows.map((r) => (
        <tr key={r.name}>
          <th scope="row">{r.name}</th>
          <td>{r.state}</td>
          {r.manager ? <td>{r.manager}</td> : <td>—</td>}
        </tr>
      ))}
      <tr>
        <td colSpan={3}>2 people</td>
      </tr>
    </DataTable>,
  );
}

describe("DataTable on a phone", () => {
  it("labels each cell with its column's title, except the first (the card's title) and cells spanning columns", () => {
    const html = render();
    expect(html).toContain('<td role="cell" data-label="State">Overdue</td>');
    expect(html).toContain('<td role="cell" data-label="Manager">Daniel Osei</td>');
    expect(html).toContain('<td role="cell" data-label="Manager">—</td>');
    expect(html).toContain('<th scope="row" role="rowheader">Kofi Mensah</th>');
    expect(html).toContain('<td colSpan="3" role="cell">2 people</td>');
    expect(html.match(/<tr role="row">/g)).toHaveLength(4);
  });

  it("keeps the table's semantics explicit, and leaves the cells alone when the table scrolls instead", () => {
    const cards = render();
    expect(cards).toContain('<table role="table"');
    expect(cards).toContain('<th scope="col" role="columnheader"');
    const scroll = render("scroll");
    expect(scroll).not.toContain("data-label");
    expect(scroll).toContain("sticky");
  });
});
