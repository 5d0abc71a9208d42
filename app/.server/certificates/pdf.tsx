/** The certificate as a PDF: landscape A4, rendered on the server with @react-pdf/renderer. */
import { Document, Image, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import QRCode from "qrcode";
import { formatCode } from "./code";
import { longDate } from "./dates";

const styles = StyleSheet.create({
  page: { padding: 48, fontFamily: "Helvetica", color: "#0f172a" },
  frame: { flexGrow: 1, borderWidth: 3, borderColor: "#1d4ed8", padding: 36, alignItems: "center" },
  wordmark: { fontSize: 28, fontFamily: "Helvetica-Bold", color: "#1d4ed8", letterSpacing: 2 },
  kicker: { marginTop: 28, fontSize: 14, textTransform: "uppercase", color: "#475569" },
  name: { marginTop: 18, fontSize: 34, fontFamily: "Helvetica-Bold" },
  line: { marginTop: 14, fontSize: 14, color: "#334155" },
  curriculum: { marginTop: 8, fontSize: 22, fontFamily: "Helvetica-Bold" },
  footer: { marginTop: "auto", width: "100%", flexDirection: "row", justifyContent: "space-between", alignItems: "flex-end" },
  small: { fontSize: 11, color: "#334155", marginTop: 4 },
  code: { fontSize: 14, fontFamily: "Courier-Bold", marginTop: 4 },
  qr: { width: 96, height: 96 },
});

export type PrintedCertificate = { code: string; personName: string; curriculumName: string; issuedAt: Date; validUntil: Date | null };

/** The PDF's bytes; the QR code points at `<origin>/verify/<code>`. */
export async function renderCertificatePdf(c: PrintedCertificate, origin: string): Promise<Buffer> {
  const url = `${origin}/verify/${formatCode(c.code)}`;
  const qr = await QRCode.toDataURL(url, { margin: 1, width: 300 });
  return renderToBuffer(
    <Document title={`Certificate ${formatCode(c.code)}`} author="Baton">
      <Page size="A4" orientation="landscape" style={styles.page}>
        <View style={styles.frame}>
          <Text style={styles.wordmark}>Baton</Text>
          <Text style={styles.kicker}>Certificate of completion</Text>
          <Text style={styles.name}>{c.personName}</Text>
          <Text style={styles.line}>completed the curriculum</Text>
          <Text style={styles.curriculum}>{c.curriculumName}</Text>
          <Text style={styles.line}>on {longDate(c.issuedAt)}</Text>
          <View style={styles.footer}>
            <View>
              <Text style={styles.small}>{c.validUntil ? `Valid until ${longDate(c.validUntil)}` : "No expiry"}</Text>
              <Text style={styles.small}>Verification code</Text>
              <Text style={styles.code}>{formatCode(c.code)}</Text>
              <Text style={styles.small}>Check it at {url}</Text>
            </View>
            <Image style={styles.qr} src={qr} />
          </View>
        </View>
      </Page>
    </Document>,
  );
}
