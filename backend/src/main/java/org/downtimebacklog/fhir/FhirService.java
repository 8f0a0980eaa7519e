package org.downtimebacklog.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.inject.Singleton;
import org.downtimebacklog.item.ItemResponse;
import org.downtimebacklog.item.ItemService;
import org.downtimebacklog.security.Caller;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Resource;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

/**
 * The backlog as FHIR R4: each item a Task with its Provenance, read through the item feature with its site scoping;
 * every Task a client is shown is recorded in the audit trail as a view of the item (via FHIR), since it carries the
 * patient's identifier.
 */
@Singleton
class FhirService {

    static final String VIA = "FHIR";

    private final ItemService items;
    private final FhirContext fhir = FhirContext.forR4Cached();

    FhirService(ItemService items) {
        this.items = items;
    }

    /** A searchset Bundle of the matching Tasks, lowest id first, each followed by its Provenance. */
    Bundle search(TaskSearch search, Caller caller, String base, String path) {
        List<ItemResponse> found = items.viewedPage(search.query(), caller, search.after(), search.count() + 1, VIA);
        boolean more = found.size() > search.count();
        List<ItemResponse> page = more ? found.subList(0, search.count()) : found;
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.getMeta().setLastUpdated(new Date());
        bundle.addLink().setRelation("self").setUrl(base + path + "?" + search.queryString(
                search.after() == 0 ? null : search.after()));
        if (more) {
            bundle.addLink().setRelation("next").setUrl(base + path + "?"
                    + search.queryString(page.get(page.size() - 1).id()));
        }
        for (ItemResponse item : page) {
            add(bundle, base, TaskResources.task(item), Bundle.SearchEntryMode.MATCH);
            add(bundle, base, TaskResources.provenance(item), Bundle.SearchEntryMode.INCLUDE);
        }
        return bundle;
    }

    Resource task(long id, Caller caller) {
        return TaskResources.task(items.view(id, caller, VIA));
    }

    Resource provenance(long id, Caller caller) {
        return TaskResources.provenance(items.view(id, caller, VIA));
    }

    /** What this FHIR endpoint offers. */
    CapabilityStatement capabilities(String base) {
        return Capabilities.of(base);
    }

    byte[] json(Resource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
    }

    private static void add(Bundle bundle, String base, Resource resource, Bundle.SearchEntryMode mode) {
        bundle.addEntry()
                .setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .setResource(resource)
                .getSearch().setMode(mode);
    }
}
