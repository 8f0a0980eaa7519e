package org.downtimebacklog.exchange;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.Violation;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A spreadsheet saved as CSV, as hospitals' spreadsheet programs write it: UTF-8 (with or without a byte-order mark)
 * or, when it is not valid UTF-8, Windows-1252; fields separated by commas, semicolons (where the decimal mark is a
 * comma) or tabs, whichever the header row uses most; quoted fields; a header row naming each column. Parsed by
 * commons-csv.
 */
final class CsvFile {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    static final int MAX_COLUMNS = 200;
    static final int MAX_HEADER = 200;

    /** One data row: its number as a spreadsheet shows it (the header is row 1) and its cells. */
    record Row(int number, List<String> cells) {
        boolean blank() {
            return cells.stream().allMatch(String::isBlank);
        }

        String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }
    }

    private final String text;
    private final Charset charset;
    private final char delimiter;
    private final List<String> headers;

    private CsvFile(String text, Charset charset, char delimiter, List<String> headers) {
        this.text = text;
        this.charset = charset;
        this.delimiter = delimiter;
        this.headers = headers;
    }

    Charset charset() {
        return charset;
    }

    char delimiter() {
        return delimiter;
    }

    List<String> headers() {
        return headers;
    }

    /** Reads the file's encoding, delimiter and header row; 422 naming {@code file} or {@code headers} if it is no CSV. */
    static CsvFile read(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                throw InvalidInputException.of("file", "is not a CSV text file: save the spreadsheet as CSV first");
            }
        }
        Charset charset = StandardCharsets.UTF_8;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            charset = WINDOWS_1252;
            text = new String(bytes, WINDOWS_1252);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char delimiter = delimiterOf(text);
        Iterator<CSVRecord> records = parse(text, delimiter).iterator();
        if (!records.hasNext()) {
            throw InvalidInputException.of("file", "is empty: it needs a header row and at least one row");
        }
        List<String> headers = records.next().stream().map(String::strip).toList();
        List<Violation> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (headers.size() > MAX_COLUMNS) {
            problems.add(new Violation("headers", "the file has " + headers.size() + " columns; at most " + MAX_COLUMNS));
        }
        for (int i = 0; i < headers.size() && problems.isEmpty(); i++) {
            String header = headers.get(i);
            if (header.isEmpty()) {
                problems.add(new Violation("headers", "column " + (i + 1) + " has no name in the header row"));
            } else if (header.length() > MAX_HEADER) {
                problems.add(new Violation("headers", "column " + (i + 1) + "'s name is longer than " + MAX_HEADER + " characters"));
            } else if (!seen.add(header)) {
                problems.add(new Violation("headers", "'" + header + "' names two columns"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new CsvFile(text, charset, delimiter, headers);
    }

    /** The data rows from the {@code skip}-th on (blank rows are not rows), read as they are needed. */
    Iterator<Row> rows(int skip) {
        Iterator<CSVRecord> records = parse(text, delimiter).iterator();
        records.next();
        return new Iterator<>() {
            private Row next = advance();
            private int index = 0;

            {
                while (next != null && index < skip) {
                    index++;
                    next = advance();
                }
            }

            private Row advance() {
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    Row row = new Row(Math.toIntExact(record.getRecordNumber()), record.toList());
                    if (!row.blank()) {
                        return row;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Row row = next;
                index++;
                next = advance();
                return row;
            }
        };
    }

    /** How many data rows the file holds; a malformed row (an unclosed quote) is a 422 naming its row. */
    int countRows() {
        int count = 0;
        try {
            for (Iterator<Row> it = rows(0); it.hasNext(); it.next()) {
                count++;
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw InvalidInputException.of("file", "cannot be read as CSV after row " + (count + 1)
                    + " (a quote that is never closed?)");
        }
        return count;
    }

    private static char delimiterOf(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (char c : first.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    private static CSVParser parse(String text, char delimiter) {
        try {
            return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get()
                    .parse(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
