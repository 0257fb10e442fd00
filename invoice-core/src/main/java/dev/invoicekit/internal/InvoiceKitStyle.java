package dev.invoicekit.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;
import org.immutables.value.Value.Style.ImplementationVisibility;

/**
 * The one Immutables style of the library: generated implementations stay package-private, users
 * write {@code new Invoice.Builder()} and {@code invoice.withDueDate(...)}, never
 * {@code Immutable*}.
 *
 * <p>No annotation found on the class path goes into generated code ({@code Override} stands in for
 * "none", as an empty list means "all"): Immutables' own {@code @Generated} is kept in class files,
 * and a host compiling against core without the compile-only Immutables jar would get a warning
 * for every generated type it touches. Source retention: only core's own compilation (its
 * annotation processor) reads the style, and a style kept in class files made javadoc of every
 * module that reads core's classes warn that it cannot resolve the style's enums.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
    visibility = ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    allowedClasspathAnnotations = {Override.class},
    defaults = @Value.Immutable(copy = true),
    depluralize = true,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC)
public @interface InvoiceKitStyle {}
