package org.downtimebacklog.fhir;

import io.micronaut.core.annotation.Nullable;
import org.downtimebacklog.item.CapturedFields;
import org.downtimebacklog.item.ItemResponse;
import org.downtimebacklog.item.Patient;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Type;

import java.time.Instant;
import java.util.Locale;

/**
 * An item as FHIR R4 resources: a Task for its back-entry and a Provenance for the paper record behind it. The mapping
 * is documented in the README's FHIR section; each field is set here once.
 */
final class TaskResources {

    private TaskResources() {
    }

    static Task task(ItemResponse item) {
        CapturedFields c = item.captured();
        boolean closed = item.closedAt() != null;
        Task task = new Task();
        task.setId(String.valueOf(item.id()));
        task.setMeta(new Meta().setVersionId(String.valueOf(item.version())).setLastUpdatedElement(instant(item.updatedAt())));
        task.addIdentifier(new Identifier().setSystem(FhirSystems.ITEM).setValue(item.reference()));
        if (c.paperReference() != null) {
            task.addIdentifier(sheet(c.paperReference()));
        }
        task.setGroupIdentifier(new Identifier().setSystem(FhirSystems.OUTAGE).setValue(String.valueOf(c.outageId())));
        task.setStatus(TaskStatuses.of(item.status(), closed));
        String reason = statusReason(item);
        if (reason != null) {
            task.setStatusReason(new CodeableConcept().setText(reason));
        }
        task.setBusinessStatus(new CodeableConcept(new Coding(FhirSystems.ITEM_STATUS, item.status().name(), null))
                .setText(TaskStatuses.meaning(item.status(), closed)));
        task.setIntent(Task.TaskIntent.ORDER);
        task.setPriority(priority(item.priority().band()));
        task.setCode(new CodeableConcept(new Coding(FhirSystems.CATEGORY, c.category().name(), words(c.category().name())))
                .setText(words(c.category().name())));
        task.setDescription(c.summary());
        task.setFor(patient(c.patient()));
        task.setAuthoredOnElement(dateTime(item.loggedAt()));
        task.setLastModifiedElement(dateTime(item.updatedAt()));
        if (item.assignedAt() != null || item.closedAt() != null) {
            Period period = new Period();
            if (item.assignedAt() != null) {
                period.setStartElement(dateTime(item.assignedAt()));
            }
            if (item.closedAt() != null) {
                period.setEndElement(dateTime(item.closedAt()));
            }
            task.setExecutionPeriod(period);
        }
        if (item.assignedTo() != null) {
            task.setOwner(user(item.assignedTo()));
        }
        task.addInput(input("target-system", new StringType(c.targetSystem())));
        task.addInput(input("site", new StringType(c.site())));
        task.addInput(input("ward", new StringType(c.ward())));
        task.addInput(input("occurred-at", dateTime(c.occurredAt())));
        task.addInput(input("high-risk", new BooleanType(c.highRisk())));
        task.addInput(input("needs-verification", new BooleanType(item.needsVerification())));
        task.addInput(input("patient-status", new StringType(c.patientStatus().name())));
        if (c.details() != null) {
            task.addNote().setText(c.details());
        }
        if (item.externalReference() != null) {
            task.addOutput().setType(parameter("external-reference")).setValue(new StringType(item.externalReference()));
        }
        task.addRelevantHistory(new Reference("Provenance/" + item.id()));
        return task;
    }

    /**
     * Where the item came from and who touched it: the care on paper (occurred), its logging (recorded), and the
     * people who gave the care, witnessed it, logged it, entered it into its system and checked that entry.
     */
    static Provenance provenance(ItemResponse item) {
        CapturedFields c = item.captured();
        Provenance provenance = new Provenance();
        provenance.setId(String.valueOf(item.id()));
        provenance.setMeta(new Meta().setVersionId(String.valueOf(item.version())).setLastUpdatedElement(instant(item.updatedAt())));
        provenance.addTarget(new Reference("Task/" + item.id()));
        provenance.setOccurred(dateTime(c.occurredAt()));
        provenance.setRecordedElement(instant(item.loggedAt()));
        Provenance.ProvenanceAgentComponent performer = agent(provenance, FhirSystems.PARTICIPANT_TYPE, "performer",
                "Performer", new Reference().setDisplay(c.recordedBy()));
        if (c.recordedByRole() != null) {
            performer.addRole().setText(words(c.recordedByRole().name()));
        }
        if (c.witnessedBy() != null) {
            agent(provenance, FhirSystems.V3_PARTICIPATION, "WIT", "witness", new Reference().setDisplay(c.witnessedBy()));
        }
        agent(provenance, FhirSystems.PARTICIPANT_TYPE, "enterer", "Enterer", user(item.loggedBy()))
                .addRole().setText("Logged the paper record");
        if (item.enteredBy() != null) {
            agent(provenance, FhirSystems.PARTICIPANT_TYPE, "author", "Author", user(item.enteredBy()))
                    .addRole().setText("Entered it into " + c.targetSystem());
        }
        if (item.verifiedBy() != null) {
            agent(provenance, FhirSystems.PARTICIPANT_TYPE, "verifier", "Verifier", user(item.verifiedBy()))
                    .addRole().setText("Checked the entry against the paper");
        }
        if (c.paperReference() != null) {
            provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE)
                    .setWhat(new Reference().setIdentifier(sheet(c.paperReference())).setDisplay("Paper sheet"));
        }
        return provenance;
    }

    private static Provenance.ProvenanceAgentComponent agent(Provenance provenance, String system, String code,
                                                             String display, Reference who) {
        Provenance.ProvenanceAgentComponent agent = provenance.addAgent();
        agent.setType(new CodeableConcept(new Coding(system, code, display)));
        agent.setWho(who);
        return agent;
    }

    private static @Nullable String statusReason(ItemResponse item) {
        if (item.duplicateOf() != null) {
            String of = String.format("ITM-%06d", item.duplicateOf());
            return item.statusReason() == null ? "Duplicate of " + of : "Duplicate of " + of + ": " + item.statusReason();
        }
        return item.statusReason();
    }

    /** P1 most urgent: stat, asap, urgent, routine. */
    static Task.TaskPriority priority(String band) {
        return switch (band) {
            case "P1" -> Task.TaskPriority.STAT;
            case "P2" -> Task.TaskPriority.ASAP;
            case "P3" -> Task.TaskPriority.URGENT;
            default -> Task.TaskPriority.ROUTINE;
        };
    }

    /** The patient by NHS number, else by local identifier (the logical reference of a Patient). */
    private static Reference patient(Patient patient) {
        Identifier id = patient.nhsNumber() != null
                ? new Identifier().setSystem(FhirSystems.NHS_NUMBER).setValue(patient.nhsNumber())
                : new Identifier().setSystem(FhirSystems.LOCAL_PATIENT_ID).setValue(patient.localId());
        return new Reference().setType("Patient").setIdentifier(id);
    }

    private static Reference user(String username) {
        return new Reference().setType("Practitioner")
                .setIdentifier(new Identifier().setSystem(FhirSystems.USER).setValue(username)).setDisplay(username);
    }

    private static Identifier sheet(String paperReference) {
        return new Identifier().setSystem(FhirSystems.SHEET).setValue(paperReference);
    }

    private static Task.ParameterComponent input(String kind, Type value) {
        return new Task.ParameterComponent(parameter(kind), value);
    }

    private static CodeableConcept parameter(String kind) {
        return new CodeableConcept(new Coding(FhirSystems.TASK_PARAMETER, kind, null)).setText(kind);
    }

    private static String words(String constant) {
        String lower = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** As precise as stored, in UTC, as the rest of the API gives times. */
    private static DateTimeType dateTime(Instant instant) {
        return new DateTimeType(instant.toString());
    }

    private static InstantType instant(Instant instant) {
        return new InstantType(instant.toString());
    }

}
