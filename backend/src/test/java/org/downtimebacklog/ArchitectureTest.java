package org.downtimebacklog;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaModifier.PUBLIC;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package boundaries the code is organised by (README, "Layout"). */
@AnalyzeClasses(packages = "org.downtimebacklog",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.WrittenByHand.class})
class ArchitectureTest {

    /** Leaves out the classes Micronaut generates at compile time (bean definitions, interceptors, introspections). */
    static final class WrittenByHand implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/$") && !location.contains("$Intercepted");
        }
    }

    /** No two packages depend on each other, directly or round a longer loop. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.downtimebacklog.(*)..")
            .should().beFreeOfCycles();

    /** Dependencies point into item, never out of it: item tells the others what happened by events. */
    @ArchTest
    static final ArchRule itemDependsOnNoFeatureBuiltOnIt = noClasses()
            .that().resideInAPackage("org.downtimebacklog.item..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.downtimebacklog.queue..", "org.downtimebacklog.tracking..", "org.downtimebacklog.duplicate..");

    /** Outside item, only its public surface is used (its services, records, enums and events). */
    @ArchTest
    static final ArchRule itemInternalsStayInside = noClasses()
            .that().resideOutsideOfPackage("org.downtimebacklog.item..")
            .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                    .resideInAPackage("org.downtimebacklog.item..").and(not(modifier(PUBLIC))));

    /** A feature's tables are reached through its own repositories, never from another package's code. */
    @ArchTest
    static final ArchRule repositoriesAndEntitiesStayInside = classes()
            .that().areAnnotatedWith(JdbcRepository.class).or().areAnnotatedWith(MappedEntity.class)
            .should().notBePublic();

    /** SQL lives in repositories. */
    @ArchTest
    static final ArchRule sqlOnlyInRepositories = noClasses()
            .that().haveSimpleNameNotEndingWith("Repository")
            .and().resideOutsideOfPackage("org.downtimebacklog.database..")
            .should().dependOnClassesThat().areAssignableTo(JdbcOperations.class);
}
