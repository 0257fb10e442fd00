package dev.invoicekit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The shape of core that DESIGN.md promises, checked on its compiled classes (tests and the test
 * fixtures compiled with them left out): no JDBC, no clock or random id read of its own, no
 * floating point near money, and no cycle between its packages.
 */
class CoreArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.invoicekit");

  /** Floating point types, primitive and boxed: none belongs near money. */
  private static final Set<String> FLOATING_POINT = Set.of("double", "float",
      Double.class.getName(), Float.class.getName());

  @Test
  void coreImportsNoJdbc() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
        .because("core does no I/O; JDBC belongs to the adapter")
        .check(CORE);
  }

  @Test
  void coreReadsNoSystemClock() {
    noClasses().should().callMethod(Clock.class, "systemUTC")
        .orShould().callMethod(Clock.class, "systemDefaultZone")
        .orShould().callMethod(Clock.class, "system", ZoneId.class)
        .because("\"today\" comes from the Clock the host injects")
        .check(CORE);
  }

  @Test
  void coreMakesNoRandomIds() {
    noClasses().should().callMethod(UUID.class, "randomUUID")
        .because("ids come from the IdSource the host injects")
        .check(CORE);
  }

  @Test
  void coreHasNoFloatingPointFields() {
    noFields().should().haveRawType(floatingPoint())
        .because("money and quantities are decimal")
        .check(CORE);
  }

  @Test
  void coreTakesAndReturnsNoFloatingPoint() {
    noCodeUnits().should(takeOrReturnFloatingPoint())
        .because("money and quantities are decimal")
        .check(CORE);
  }

  @Test
  void coreUsesNoBoxedFloatingPoint() {
    noClasses().should().dependOnClassesThat().belongToAnyOf(Double.class, Float.class)
        .because("money and quantities are decimal")
        .check(CORE);
  }

  @Test
  void corePackagesFormNoCycle() {
    slices().matching("dev.invoicekit.(*)..").should().beFreeOfCycles()
        .because("each package of core can be read, and changed, without the ones that use it")
        .check(CORE);
  }

  private static DescribedPredicate<JavaClass> floatingPoint() {
    return DescribedPredicate.describe("a floating point type",
        type -> FLOATING_POINT.contains(type.getName()));
  }

  private static ArchCondition<JavaCodeUnit> takeOrReturnFloatingPoint() {
    return new ArchCondition<>("take or return a floating point type") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        boolean returns = FLOATING_POINT.contains(unit.getRawReturnType().getName());
        boolean takes = unit.getRawParameterTypes().stream()
            .anyMatch(type -> FLOATING_POINT.contains(type.getName()));
        if (returns || takes) {
          events.add(SimpleConditionEvent.satisfied(unit,
              unit.getFullName() + (returns ? " returns " : " takes ") + "a floating point type"));
        } else {
          events.add(SimpleConditionEvent.violated(unit,
              unit.getFullName() + " takes and returns no floating point type"));
        }
      }
    };
  }
}
