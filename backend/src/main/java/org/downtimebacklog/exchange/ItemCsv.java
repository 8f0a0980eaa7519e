package org.downtimebacklog.exchange;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.downtimebacklog.item.CapturedFields;
import org.downtimebacklog.item.ItemResponse;
import org.downtimebacklog.item.Patient;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Items as CSV rows for a spreadsheet: UTF-8 with a byte-order mark (so that a spreadsheet reads it as UTF-8), CRLF
 * line ends, quoted where needed, and every cell that a spreadsheet would take for a formula (one that starts with
 * =, +, -, @, a tab or a carriage return) prefixed with an apostrophe, so that a summary typed as
 * {@code =HYPERLINK(...)} stays text. Patients are masked unless the export reveals them.
 */
final class ItemCsv {

    static final List<String> HEADER = List.of("reference", "outageId", "site", "ward", "category", "targetSystem",
            "status", "priorityBand", "highRisk", "patientStatus", "patient", "nhsNumber", "localId", "patientName",
            "dateOfBirth", "occurredAt", "recordedBy", "paperReference", "summary", "loggedAt", "loggedBy",
            "assignedTo", "externalReference", "enteredBy", "enteredAt", "verifiedBy", "verifiedAt", "drill");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private ItemCsv() {
    }

    /** The start of the file: the byte-order mark and the header row. */
    static byte[] head() {
        return head(HEADER);
    }

    /** The start of a file with these columns: the byte-order mark and the header row. */
    static byte[] head(List<String> columns) {
        byte[] header = print(List.of(columns)).getBytes(StandardCharsets.UTF_8);
        byte[] head = new byte[BOM.length + header.length];
        System.arraycopy(BOM, 0, head, 0, BOM.length);
        System.arraycopy(header, 0, head, BOM.length, header.length);
        return head;
    }

    /** These items' rows. */
    static byte[] rows(List<ItemResponse> items, boolean reveal) {
        List<List<String>> rows = new ArrayList<>(items.size());
        for (ItemResponse item : items) {
            rows.add(row(item, reveal));
        }
        return print(rows).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> row(ItemResponse i, boolean reveal) {
        CapturedFields c = i.captured();
        Patient p = c.patient();
        return List.of(i.reference(), String.valueOf(c.outageId()), c.site(), c.ward(), c.category().name(),
                c.targetSystem(), i.status().name(), i.priority().band(), String.valueOf(c.highRisk()),
                c.patientStatus().name(), p.masked(),
                reveal ? text(p.nhsNumber()) : "", reveal ? text(p.localId()) : "", reveal ? text(p.name()) : "",
                reveal ? text(p.dateOfBirth()) : "",
                c.occurredAt().toString(), c.recordedBy(), text(c.paperReference()), c.summary(), i.loggedAt().toString(),
                i.loggedBy(), text(i.assignedTo()), text(i.externalReference()), text(i.enteredBy()), text(i.enteredAt()),
                text(i.verifiedBy()), text(i.verifiedAt()), String.valueOf(i.drill()));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A cell a spreadsheet would read as a formula, kept as text. */
    static String neutralised(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }

    /** These rows as CSV lines, each cell neutralised. */
    static byte[] records(List<List<String>> rows) {
        return print(rows).getBytes(StandardCharsets.UTF_8);
    }

    private static String print(List<List<String>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(ItemCsv::neutralised).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
