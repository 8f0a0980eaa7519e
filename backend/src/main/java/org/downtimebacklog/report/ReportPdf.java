package org.downtimebacklog.report;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.downtimebacklog.custody.SheetReconciliation;
import org.downtimebacklog.tracking.DuePerformance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws the recovery report as an A4 PDF: the same sections as the JSON, in the same order, as plain text under
 * headings, wrapped and continued on new pages. Times are UTC. Text people gave (titles, wards, reasons, the
 * statement) is written in Liberation Sans, so Welsh and other accented words print as typed.
 */
final class ReportPdf {

    private static final float MARGIN = 48;
    private static final float BODY = 10;
    private static final float LEADING = 14;
    private static final String TEXT_FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final byte[] TEXT_FONT_BYTES = read();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ReportPdf() {
    }

    static byte[] render(RecoveryReport report) {
        try (PDDocument document = new PDDocument()) {
            PDFont text = PDType0Font.load(document, new ByteArrayInputStream(TEXT_FONT_BYTES), true);
            PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            RecoveryReport.OutageFacts o = report.outage();
            document.getDocumentInformation().setTitle("Recovery report " + o.reference());
            try (Writer w = new Writer(document, text, bold)) {
                w.title("Recovery report: " + o.reference());
                w.line(o.title());
                w.line("Sites: " + String.join(", ", o.sites()) + "   Status: " + o.status());
                w.line("Generated " + time(report.generatedAt()) + ". Items are named by reference only.");

                w.heading("Timeline");
                for (RecoveryReport.TimelineEntry e : report.timeline()) {
                    w.line(time(e.at()) + "  " + switch (e.event()) {
                        case "STARTED" -> "Outage started";
                        case "RECOVERED" -> e.system() + " recovered";
                        case "CLOSED" -> "Outage closed";
                        case "SIGNED_OFF" -> "Signed off";
                        default -> e.event();
                    });
                }

                RecoveryReport.Counts c = report.counts();
                w.heading("Counts");
                w.line("Items: " + c.total() + ", closed " + c.closed() + ", open " + c.open());
                w.line("By status: " + joined(c.byStatus()));
                w.line("By category: " + joined(c.byCategory()));
                w.line("By ward: " + joined(c.byWard()));
                w.line("By system: " + joined(c.bySystem()));

                RecoveryReport.Throughput t = report.throughput();
                w.heading("Throughput and time to clear");
                w.line("First recovery: " + time(t.firstRecoveryAt()) + "   Last item closed: " + time(t.lastClosedAt()));
                w.line(t.cleared() ? "Time to clear: " + hoursAndMinutes(t.timeToClearMinutes())
                        : "Time to clear: not cleared (" + c.open() + " items open)");
                w.line("Hour (UTC): logged / back-entered / closed");
                for (RecoveryReport.Hour h : t.hours()) {
                    w.line("  " + time(h.hour()) + ": " + h.logged() + " / " + h.entered() + " / " + h.closed());
                }

                w.heading("Due times");
                w.line("Band: due / met / breached (still waiting)");
                for (DuePerformance.Band b : report.dueTimes().bands()) {
                    w.line("  " + b.band() + ": " + b.due() + " / " + b.met() + " / " + b.breached() + " ("
                            + b.breachedOpen() + ")");
                }

                SheetReconciliation sheets = report.sheets();
                SheetReconciliation.Counts st = sheets.totals();
                w.heading("Sheets");
                w.line("Accounted for: " + (sheets.accountedFor() ? "yes" : "no"));
                w.line("Issued " + st.issued() + ", in use " + st.inUse() + ", complete " + st.complete()
                        + ", returned unused " + st.returnedUnused() + ", missing " + st.missing() + ", voided "
                        + st.voided());
                for (SheetReconciliation.Ward ward : sheets.wards()) {
                    w.line("  " + ward.ward() + ": issued " + ward.issued() + ", in use " + ward.inUse() + ", complete "
                            + ward.complete() + ", returned unused " + ward.returnedUnused() + ", missing "
                            + ward.missing() + ", voided " + ward.voided());
                }
                w.line("Declared counts that differ: " + sheets.mismatches().size() + "; unknown sheet ids: "
                        + sheets.unknownSheets().size());

                RecoveryReport.Exceptions x = report.exceptions();
                w.heading("Exceptions");
                w.line("Closed as not required:" + (x.notRequired().isEmpty() ? " none" : ""));
                for (RecoveryReport.ReasonCount r : x.notRequired()) {
                    w.line("  " + r.count() + " x " + (r.reason().isEmpty() ? "(no reason)" : r.reason()));
                }
                w.line("Duplicates: " + x.duplicates().size() + (x.duplicates().isEmpty() ? "" : " ("
                        + String.join(", ", x.duplicates().stream().map(d -> d.item() + " of " + d.duplicateOf())
                        .toList()) + ")"));
                w.line("Possible duplicates not resolved: " + x.unresolvedDuplicatePairs());
                w.line("Items ever on hold: " + x.everHeld() + ", on hold now: " + x.onHold().size());
                w.line("Items still open: " + x.open().size());
                for (RecoveryReport.OpenItem i : x.open()) {
                    w.line("  " + i.ref() + "  " + i.status() + "  P" + i.priorityBand() + "  " + i.targetSystem()
                            + "  " + i.ward() + (i.statusReason() == null ? "" : "  (" + i.statusReason() + ")"));
                }

                w.line("Sheets not accounted for: " + x.sheets().size());
                for (RecoveryReport.SheetException e : x.sheets()) {
                    w.line("  " + e.ref() + "  " + e.kind() + (e.ward() == null ? "" : "  " + e.ward()) + "  ("
                            + e.detail() + ")");
                }

                RecoveryReport.FourEyes f = report.fourEyes();
                w.heading("Four eyes (second-person check)");
                w.line("Verified: " + f.verified() + " by " + f.distinctVerifiers() + " people; entered by "
                        + f.distinctEnterers() + " people");
                w.line("Waiting for verification: " + f.awaitingVerification());
                w.line("Verified by whoever entered it: " + f.verifiedByEnterer());
                w.line("Refused attempts to verify one's own entry: " + f.selfVerificationRefused());

                w.heading("Sign-off");
                RecoveryReport.SignOffView s = report.signOff();
                if (s == null) {
                    w.line("Not signed off.");
                } else {
                    w.line("Signed off by " + (s.signedByName() == null ? s.signedBy()
                            : s.signedByName() + " (" + s.signedBy() + ")") + " at " + time(s.signedAt()));
                    w.line("Statement: " + (s.statement() == null ? "(none)" : s.statement()));
                    w.line("Exceptions signed off with a reason: " + s.exceptions().size());
                    for (RecoveryReport.SignedException e : s.exceptions()) {
                        w.line("  " + e.ref() + ": " + e.reason());
                    }
                    w.line("Items changed after sign-off: " + (s.changedAfterSignOff().isEmpty() ? "none"
                            : String.join(", ", s.changedAfterSignOff())));
                }
                RecoveryReport.Retention r = report.retention();
                w.line("Patient details removed from " + time(r.purgeFrom()) + "; items purged so far: "
                        + r.purgedItems());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }

    private static String hoursAndMinutes(Long minutes) {
        return minutes == null ? "-" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    private static String joined(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    /** Writes lines down the page, wrapping at words and starting a new page when one is full. */
    private static final class Writer implements AutoCloseable {
        private final PDDocument document;
        private final PDFont text;
        private final PDFont bold;
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private PDPageContentStream page;
        private float y;

        Writer(PDDocument document, PDFont text, PDFont bold) throws IOException {
            this.document = document;
            this.text = text;
            this.bold = bold;
            newPage();
        }

        void title(String s) throws IOException {
            write(bold, 16, s);
            y -= 6;
        }

        void heading(String s) throws IOException {
            y -= 8;
            write(bold, 12, s);
        }

        void line(String s) throws IOException {
            String shown = printable(s);
            List<String> wrapped = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : shown.split(" ", -1)) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (!current.isEmpty() && text.getStringWidth(candidate) / 1000 * BODY > width) {
                    wrapped.add(current.toString());
                    current = new StringBuilder("    " + word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            wrapped.add(current.toString());
            for (String w : wrapped) {
                write(text, BODY, w);
            }
        }

        private void write(PDFont font, float size, String s) throws IOException {
            if (y < MARGIN + LEADING) {
                newPage();
            }
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(MARGIN, y);
            page.showText(font == text ? s : s.replaceAll("[^\\x20-\\x7E]", "?"));
            page.endText();
            y -= size > BODY ? size + 6 : LEADING;
        }

        private String printable(String s) {
            StringBuilder shown = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> {
                String ch = Character.isISOControl(cp) ? " " : Character.toString(cp);
                try {
                    text.encode(ch);
                    shown.append(ch);
                } catch (IllegalArgumentException | IOException e) {
                    shown.append('?');
                }
            });
            return shown.toString();
        }

        private void newPage() throws IOException {
            if (page != null) {
                page.close();
            }
            PDPage p = new PDPage(PDRectangle.A4);
            document.addPage(p);
            page = new PDPageContentStream(document, p);
            y = p.getMediaBox().getHeight() - MARGIN;
        }

        @Override
        public void close() throws IOException {
            page.close();
        }
    }

    private static byte[] read() {
        try (InputStream in = ReportPdf.class.getResourceAsStream(TEXT_FONT)) {
            if (in == null) {
                throw new IllegalStateException("The font " + TEXT_FONT + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
