package org.downtimebacklog.fhir;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;

import java.util.Date;

/** The CapabilityStatement of the FHIR endpoint: Tasks to read and search, their Provenances to read. */
final class Capabilities {

    private static final Date PUBLISHED = new Date();

    private Capabilities() {
    }

    static CapabilityStatement of(String base) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setDate(PUBLISHED);
        cs.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        cs.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        cs.addFormat("application/fhir+json");
        cs.getSoftware().setName("Downtime Backlog");
        cs.getImplementation().setDescription("The downtime backlog: paper records waiting to be entered")
                .setUrl(base);
        CapabilityStatement.CapabilityStatementRestComponent rest = cs.addRest();
        rest.setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity().addService(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")))
                .setDescription("A bearer access token from POST /api/auth/login or the identity provider's sign-in; "
                        + "the caller sees the items of their own sites only.");
        CapabilityStatementRestResourceComponent task = rest.addResource().setType("Task");
        task.addInteraction().setCode(TypeRestfulInteraction.READ);
        task.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        task.addSearchInclude("Task:relevant-history");
        param(task, TaskSearch.OUTAGE, Enumerations.SearchParamType.TOKEN, "The outage (" + FhirSystems.OUTAGE + ")");
        param(task, TaskSearch.STATUS, Enumerations.SearchParamType.TOKEN, "Task status; comma for alternatives");
        param(task, TaskSearch.BUSINESS_STATUS, Enumerations.SearchParamType.TOKEN,
                "The item's status in the backlog (" + FhirSystems.ITEM_STATUS + ")");
        param(task, TaskSearch.TARGET_SYSTEM, Enumerations.SearchParamType.STRING,
                "The clinical system the item is to be entered into (exact code)");
        param(task, "patient", Enumerations.SearchParamType.REFERENCE,
                "With the :identifier modifier, and only in the body of POST _search: system|value, the system "
                        + FhirSystems.NHS_NUMBER + " or " + FhirSystems.LOCAL_PATIENT_ID);
        CapabilityStatementRestResourceComponent provenance = rest.addResource().setType("Provenance");
        provenance.addInteraction().setCode(TypeRestfulInteraction.READ);
        return cs;
    }

    private static void param(CapabilityStatementRestResourceComponent resource, String name,
                              Enumerations.SearchParamType type, String documentation) {
        resource.addSearchParam().setName(name).setType(type).setDocumentation(documentation);
    }
}
