package org.downtimebacklog.custody;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Draws a pack as a PDF to print: A4, one page per sheet. Each page has the form's name, the sheet id as text and as
 * a QR code, the site and ward, a box for the patient's label, and ruled lines with the columns the capture form asks
 * for. Text the person gave (the ward) is written in Liberation Sans, which PDFBox carries, so that Welsh and other
 * accented names print as typed; a character the font lacks prints as '?'.
 */
final class FormPackPdf {

    private static final float MARGIN = 36;
    private static final float QR_SIZE = 100;
    /** QR modules drawn per image pixel edge: the image stays sharp however a viewer scales it. */
    private static final int QR_PIXELS_PER_MODULE = 4;
    private static final float[] COLUMN_WIDTHS = {80, 220, 130, 93};
    private static final float HEADER_HEIGHT = 26;
    private static final float ROW_HEIGHT = 22;
    private static final String TEXT_FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final byte[] TEXT_FONT_BYTES = read(TEXT_FONT);

    private FormPackPdf() {
    }

    static byte[] render(FormPackResponse pack) {
        try (PDDocument document = new PDDocument()) {
            Fonts fonts = new Fonts(PDType0Font.load(document, new ByteArrayInputStream(TEXT_FONT_BYTES), true),
                    new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
            document.getDocumentInformation().setTitle(pack.kind().title() + ", pack " + pack.id());
            for (FormPackResponse.Sheet sheet : pack.sheets()) {
                page(document, fonts, pack, sheet);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fonts of a document: Liberation Sans for text, Helvetica Bold for the printed headings. */
    private record Fonts(PDFont text, PDFont bold) {
    }

    private static void page(PDDocument document, Fonts fonts, FormPackResponse pack, FormPackResponse.Sheet sheet)
            throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        float left = MARGIN;
        float right = page.getMediaBox().getWidth() - MARGIN;
        float top = page.getMediaBox().getHeight() - MARGIN;
        float textWidth = right - QR_SIZE - 12 - left;
        PDImageXObject qr = LosslessFactory.createFromImage(document, qrCode(sheet.sheetId()));
        String place = "sheet " + sheet.number() + " of " + pack.count() + " in pack " + pack.id();

        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            Canvas canvas = new Canvas(content);
            content.drawImage(qr, right - QR_SIZE, top - QR_SIZE, QR_SIZE, QR_SIZE);
            canvas.write(fonts.text(), 7, right - QR_SIZE + 6, top - QR_SIZE - 8, "Scan to log against this sheet", QR_SIZE);

            canvas.write(fonts.bold(), 17, left, top - 16, pack.kind().title(), textWidth);
            canvas.write(fonts.text(), 9, left, top - 30,
                    "Downtime paper record: each line is entered into the backlog when the systems return", textWidth);
            canvas.write(fonts.bold(), 15, left, top - 54, "Sheet " + sheet.sheetId(), textWidth);
            canvas.write(fonts.text(), 11, left, top - 73, "Site: " + pack.site(), textWidth);
            canvas.write(fonts.text(), 11, left, top - 89, "Ward: " + pack.ward(), textWidth);
            canvas.write(fonts.text(), 9, left, top - 104, pack.outageReference() == null
                    ? "For the ward's downtime box, " + place : "Outage " + pack.outageReference() + ", " + place,
                    textWidth);

            float boxTop = top - 118;
            float boxHeight = 84;
            float boxWidth = 290;
            content.setLineWidth(1f);
            content.addRect(left, boxTop - boxHeight, boxWidth, boxHeight);
            content.stroke();
            canvas.write(fonts.text(), 8, left + 5, boxTop - 11, "Patient label, or name, date of birth and NHS number",
                    boxWidth - 10);
            float notesLeft = left + boxWidth + 14;
            float notesWidth = right - notesLeft;
            canvas.write(fonts.bold(), 9, notesLeft, boxTop - 9, "Filling in this sheet", notesWidth);
            String[] notes = {
                    "One line per entry, in the order care was given.",
                    "Time of care: when it was given, not when written.",
                    "Sign each line. Cross out a mistake with one line.",
                    "When full, or when the systems return, put the sheet",
                    "back in the ward's downtime box: every sheet issued",
                    "is counted back."};
            for (int i = 0; i < notes.length; i++) {
                canvas.write(fonts.text(), 8, notesLeft, boxTop - 22 - 11 * i, notes[i], notesWidth);
            }

            table(content, canvas, fonts, pack.kind(), left, boxTop - boxHeight - 16, MARGIN + 24);

            canvas.write(fonts.text(), 8, left, MARGIN + 6, sheet.sheetId() + "  |  " + pack.kind().title() + "  |  "
                    + pack.site() + "  |  " + pack.ward() + "  |  " + place, right - left);
        }
    }

    /** The ruled lines under the column headings, as many as fit between {@code top} and {@code bottom}. */
    private static void table(PDPageContentStream page, Canvas canvas, Fonts fonts, FormKind kind, float left,
                              float top, float bottom) throws IOException {
        String[] headings = {"Time of care", "What", "Given by", "Signature"};
        String[] hints = {"date and 24-hour time", kind.what(), "name and role", ""};
        float width = 0;
        for (float w : COLUMN_WIDTHS) {
            width += w;
        }
        int rows = (int) ((top - HEADER_HEIGHT - bottom) / ROW_HEIGHT);
        float tableBottom = top - HEADER_HEIGHT - rows * ROW_HEIGHT;

        float x = left;
        for (int c = 0; c < COLUMN_WIDTHS.length; c++) {
            canvas.write(fonts.bold(), 9, x + 4, top - 11, headings[c], COLUMN_WIDTHS[c] - 8);
            canvas.write(fonts.text(), 7, x + 4, top - 21, hints[c], COLUMN_WIDTHS[c] - 8);
            x += COLUMN_WIDTHS[c];
        }
        page.setLineWidth(1f);
        line(page, left, top, left + width, top);
        line(page, left, top - HEADER_HEIGHT, left + width, top - HEADER_HEIGHT);
        page.setLineWidth(0.5f);
        for (int r = 1; r <= rows; r++) {
            float y = top - HEADER_HEIGHT - r * ROW_HEIGHT;
            line(page, left, y, left + width, y);
        }
        x = left;
        for (int c = 0; c <= COLUMN_WIDTHS.length; c++) {
            line(page, x, top, x, tableBottom);
            if (c < COLUMN_WIDTHS.length) {
                x += COLUMN_WIDTHS[c];
            }
        }
    }

    private static void line(PDPageContentStream page, float x1, float y1, float x2, float y2) throws IOException {
        page.moveTo(x1, y1);
        page.lineTo(x2, y2);
        page.stroke();
    }

    /** Writes single lines of text, each made smaller until it fits its width. */
    private record Canvas(PDPageContentStream page) {

        void write(PDFont font, float size, float x, float y, String text, float maxWidth) throws IOException {
            String shown = printable(font, text);
            float fitted = size;
            while (fitted > 4 && font.getStringWidth(shown) / 1000 * fitted > maxWidth) {
                fitted -= 0.5f;
            }
            page.beginText();
            page.setFont(font, fitted);
            page.newLineAtOffset(x, y);
            page.showText(shown);
            page.endText();
        }
    }

    /** The text with each character the font cannot draw replaced by '?'. */
    static String printable(PDFont font, String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            String character = Character.isISOControl(codePoint) ? " " : Character.toString(codePoint);
            try {
                font.encode(character);
                shown.append(character);
            } catch (IllegalArgumentException | IOException e) {
                shown.append('?');
            }
        });
        return shown.toString();
    }

    /** The sheet id as a QR code (error correction M, the standard quiet zone of four modules), black on white. */
    static BufferedImage qrCode(String content) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("a sheet id too long for a QR code", e);
        }
        int scale = QR_PIXELS_PER_MODULE;
        BufferedImage image = new BufferedImage(matrix.getWidth() * scale, matrix.getHeight() * scale,
                BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return image;
    }

    private static byte[] read(String resource) {
        try (InputStream in = FormPackPdf.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The font " + resource + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
