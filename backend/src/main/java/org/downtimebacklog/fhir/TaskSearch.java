package org.downtimebacklog.fhir;

import io.micronaut.core.annotation.Nullable;
import org.downtimebacklog.item.ItemQuery;
import org.downtimebacklog.item.ItemStatus;
import org.downtimebacklog.item.StatusMatch;
import org.downtimebacklog.web.Codes;
import org.downtimebacklog.web.InvalidInputException;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.Task.TaskStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Task search's parameters, checked: a parameter this service does not know is refused rather than ignored, since
 * a filter silently dropped would answer with other patients' tasks. The patient identifier is taken only from the
 * body of POST _search, so that it stays out of URLs and their logs.
 */
record TaskSearch(ItemQuery query, Map<String, String> shown, long after, int count) {

    static final String OUTAGE = "group-identifier";
    static final String STATUS = "status";
    static final String BUSINESS_STATUS = "business-status";
    static final String TARGET_SYSTEM = "target-system";
    static final String PATIENT = "patient:identifier";
    static final String COUNT = "_count";
    static final String AFTER = "_after";
    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 100;

    private static final Set<String> KNOWN = Set.of(OUTAGE, STATUS, BUSINESS_STATUS, TARGET_SYSTEM, PATIENT, COUNT, AFTER);
    private static final Pattern TEN_DIGITS = Pattern.compile("^[0-9]{10}$");
    private static final Pattern LOCAL_ID = Pattern.compile("^[A-Za-z0-9/_.-]{1,32}$");
    private static final Pattern NUMBER = Pattern.compile("^[0-9]{1,18}$");

    /**
     * The search these parameters ask for; 400 naming the parameter when one is unknown, repeated or malformed, or
     * when the patient identifier is given where it may not be ({@code patientAllowed} false: in a URL).
     */
    static TaskSearch parse(Map<String, List<String>> parameters, boolean patientAllowed) {
        Map<String, String> given = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (!KNOWN.contains(name)) {
                if (name.startsWith("patient") || name.startsWith("subject")) {
                    throw InvalidInputException.badRequest(name, "search by " + PATIENT
                            + " in the body of POST /api/fhir/Task/_search, which keeps it out of URLs");
                }
                throw InvalidInputException.badRequest(name, "is not a search parameter of Task here; known: "
                        + new TreeSet<>(KNOWN));
            }
            if (values.size() != 1) {
                throw InvalidInputException.badRequest(name, "must be given once (a comma separates alternatives)");
            }
            given.put(name, values.get(0).strip());
        });
        if (given.containsKey(PATIENT) && !patientAllowed) {
            throw InvalidInputException.badRequest(PATIENT,
                    "goes in the body of POST /api/fhir/Task/_search, which keeps it out of URLs");
        }
        Long outageId = given.containsKey(OUTAGE) ? outage(given.get(OUTAGE)) : null;
        String targetSystem = given.get(TARGET_SYSTEM);
        if (targetSystem != null && !targetSystem.matches(Codes.SYSTEM)) {
            throw InvalidInputException.badRequest(TARGET_SYSTEM, Codes.SYSTEM_MESSAGE);
        }
        Set<StatusMatch> statuses = statuses(given.get(STATUS), given.get(BUSINESS_STATUS));
        String nhsNumber = null;
        String localId = null;
        if (given.containsKey(PATIENT)) {
            String[] identifier = given.get(PATIENT).split("\\|", -1);
            if (identifier.length != 2) {
                throw InvalidInputException.badRequest(PATIENT, "must be system|value, the system "
                        + FhirSystems.NHS_NUMBER + " or " + FhirSystems.LOCAL_PATIENT_ID);
            }
            if (identifier[0].equals(FhirSystems.NHS_NUMBER) && TEN_DIGITS.matcher(identifier[1]).matches()) {
                nhsNumber = identifier[1];
            } else if (identifier[0].equals(FhirSystems.LOCAL_PATIENT_ID) && LOCAL_ID.matcher(identifier[1]).matches()) {
                localId = identifier[1];
            } else {
                throw InvalidInputException.badRequest(PATIENT, "must be " + FhirSystems.NHS_NUMBER
                        + "|<ten digits> or " + FhirSystems.LOCAL_PATIENT_ID + "|<local id>");
            }
        }
        int count = given.containsKey(COUNT) ? number(COUNT, given.get(COUNT), 1, MAX_COUNT) : DEFAULT_COUNT;
        long after = given.containsKey(AFTER) ? number(AFTER, given.get(AFTER), 0, Long.MAX_VALUE) : 0;
        Map<String, String> shown = new LinkedHashMap<>(given);
        shown.remove(PATIENT);
        shown.remove(AFTER);
        shown.put(COUNT, String.valueOf(count));
        ItemQuery query = new ItemQuery(outageId, null, null, null, null, targetSystem, null, null, statuses,
                nhsNumber, localId);
        return new TaskSearch(query, shown, after, count);
    }

    /** Whether this is a search for one patient's tasks. */
    boolean forPatient() {
        return query.nhsNumber() != null || query.localId() != null;
    }

    /** The query string of these parameters (never the patient), starting after {@code afterId}. */
    String queryString(@Nullable Long afterId) {
        List<String> parts = new ArrayList<>();
        shown.forEach((name, value) -> parts.add(encode(name) + "=" + encode(value)));
        if (afterId != null) {
            parts.add(AFTER + "=" + afterId);
        }
        return String.join("&", parts);
    }

    private static Long outage(String token) {
        String value = token;
        int bar = token.indexOf('|');
        if (bar >= 0) {
            if (bar > 0 && !token.substring(0, bar).equals(FhirSystems.OUTAGE)) {
                throw InvalidInputException.badRequest(OUTAGE, "has the system " + FhirSystems.OUTAGE);
            }
            value = token.substring(bar + 1);
        }
        return number(OUTAGE, value, 1, Long.MAX_VALUE);
    }

    private static @Nullable Set<StatusMatch> statuses(@Nullable String status, @Nullable String businessStatus) {
        Set<StatusMatch> byStatus = null;
        if (status != null) {
            byStatus = new LinkedHashSet<>();
            for (String code : status.split(",", -1)) {
                TaskStatus task;
                try {
                    task = TaskStatus.fromCode(code.strip());
                } catch (FHIRException e) {
                    task = null;
                }
                if (task == null) {
                    throw InvalidInputException.badRequest(STATUS, "must be Task status codes, such as ready or completed");
                }
                byStatus.addAll(TaskStatuses.itemsIn(task));
            }
        }
        if (businessStatus == null) {
            return byStatus;
        }
        Set<ItemStatus> wanted = new LinkedHashSet<>();
        for (String token : businessStatus.split(",", -1)) {
            String code = token.strip();
            int bar = code.indexOf('|');
            if (bar >= 0) {
                if (bar > 0 && !code.substring(0, bar).equals(FhirSystems.ITEM_STATUS)) {
                    throw InvalidInputException.badRequest(BUSINESS_STATUS, "has the system " + FhirSystems.ITEM_STATUS);
                }
                code = code.substring(bar + 1);
            }
            try {
                wanted.add(ItemStatus.valueOf(code));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.badRequest(BUSINESS_STATUS, "must be item statuses, such as READY or VERIFIED");
            }
        }
        Set<StatusMatch> matches = new LinkedHashSet<>();
        if (byStatus == null) {
            wanted.forEach(s -> matches.add(StatusMatch.of(s)));
        } else {
            byStatus.stream().filter(m -> wanted.contains(m.status())).forEach(matches::add);
        }
        return matches;
    }

    private static long number(String name, String value, long min, long max) {
        if (!NUMBER.matcher(value).matches()) {
            throw InvalidInputException.badRequest(name, "must be a whole number from " + min + " to " + max);
        }
        long n = Long.parseLong(value);
        if (n < min || n > max) {
            throw InvalidInputException.badRequest(name, "must be a whole number from " + min + " to " + max);
        }
        return n;
    }

    private static int number(String name, String value, int min, int max) {
        return (int) number(name, value, (long) min, (long) max);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
