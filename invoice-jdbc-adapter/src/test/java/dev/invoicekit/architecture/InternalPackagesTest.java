package dev.invoicekit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No module reaches into another module's {@code internal} package. Run here because the adapter's
 * tests see the production classes of core, the adapter, the testkit and the test fixtures (tests
 * are left out); module descriptors say the same for the module path, this says it for the class
 * path, where nothing else stops an import.
 */
class InternalPackagesTest {

  /** Core's packages: the only ones that may use {@code dev.invoicekit.internal}. */
  private static final String[] CORE = {"dev.invoicekit.credit..", "dev.invoicekit.events..",
      "dev.invoicekit.inmemory..", "dev.invoicekit.internal..", "dev.invoicekit.invoice..",
      "dev.invoicekit.lifecycle..", "dev.invoicekit.money..", "dev.invoicekit.numbering..",
      "dev.invoicekit.opportunity..", "dev.invoicekit.ports..", "dev.invoicekit.service..",
      "dev.invoicekit.tax..", "dev.invoicekit.totals.."};

  private static final JavaClasses ALL_MODULES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.invoicekit");

  @Test
  void onlyCoreUsesCoresInternalPackage() {
    noClasses().that().resideOutsideOfPackages(CORE)
        .should().dependOnClassesThat().resideInAPackage("dev.invoicekit.internal..")
        .because("core's internal package is not its API: another module that imports it breaks"
            + " when core changes inside")
        .check(ALL_MODULES);
  }

  @Test
  void onlyTheAdapterUsesTheAdaptersInternalPackage() {
    noClasses().that().resideOutsideOfPackage("dev.invoicekit.jdbc..")
        .should().dependOnClassesThat().resideInAPackage("dev.invoicekit.jdbc.internal..")
        .because("the adapter's internal package is not its API")
        .check(ALL_MODULES);
  }

  @Test
  void theRulesSeeEveryModuleOnTheClassPath() {
    assertThat(ALL_MODULES.stream().map(type -> type.getPackageName().split("\\.")[2]).distinct())
        .contains("invoice", "internal", "jdbc", "testkit", "fixtures");
  }
}
