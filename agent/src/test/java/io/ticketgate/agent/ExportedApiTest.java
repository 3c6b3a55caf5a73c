package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exported package names only JDK types, its own, the protocol's and Netty's channel types:
 * an embedder never has to compile against the agent's libraries, which may then change.
 */
class ExportedApiTest {

    private static final String PACKAGE = TicketgateAgent.class.getPackageName();

    @Test
    void noPublicSignatureNamesACaffeineType() throws Exception {
        assertEquals(List.of(), namedTypesStartingWith("com.github.benmanes.caffeine."));
    }

    @Test
    void noPublicSignatureNamesAnotherLibraryOrAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String prefix : List.of("com.fasterxml.jackson.", "io.lettuce.", "reactor.", "io.micrometer.",
                "io.prometheus.", "com.typesafe.", "org.slf4j.", "ch.qos.logback.", PACKAGE + ".")) {
            leaks.addAll(namedTypesStartingWith(prefix));
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void theScanSeesTheBuilderAndItsTicker() throws Exception {
        List<Class<?>> classes = exportedClasses();
        assertTrue(classes.contains(TicketgateAgent.Builder.class), "scanned " + classes);
        assertTrue(namedTypesStartingWith("java.util.function.LongSupplier").stream()
                .anyMatch(use -> use.startsWith("TicketgateAgent$Builder.ticker")));
    }

    /**
     * Where a public or protected member (or the class's supertypes) of an exported class names a
     * type whose name starts with {@code prefix}; a type in a subpackage of the API package counts
     * as internal.
     */
    private static List<String> namedTypesStartingWith(String prefix) throws IOException, URISyntaxException {
        List<String> uses = new ArrayList<>();
        for (Class<?> type : exportedClasses()) {
            String owner = type.getName().substring(PACKAGE.length() + 1);
            note(uses, owner + " supertype", prefix, type.getGenericSuperclass());
            note(uses, owner + " supertype", prefix, type.getGenericInterfaces());
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    note(uses, owner + "." + field.getName(), prefix, field.getGenericType());
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers()) && !method.isSynthetic()) {
                    note(uses, owner + "." + method.getName(), prefix, method.getGenericReturnType());
                    noteSignature(uses, owner + "." + method.getName(), prefix, method);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers())) {
                    noteSignature(uses, owner + ".<init>", prefix, constructor);
                }
            }
        }
        return uses;
    }

    private static void noteSignature(List<String> uses, String where, String prefix, Executable executable) {
        note(uses, where, prefix, executable.getGenericParameterTypes());
        note(uses, where, prefix, executable.getGenericExceptionTypes());
        note(uses, where, prefix, executable.getTypeParameters());
    }

    private static void note(List<String> uses, String where, String prefix, Type... types) {
        for (Type type : types) {
            for (String name : classNames(type)) {
                if (name.startsWith(prefix) && !isApiType(name, prefix)) {
                    uses.add(where + ": " + name);
                }
            }
        }
    }

    /** With the API package as the prefix, only its subpackages are internals. */
    private static boolean isApiType(String name, String prefix) {
        return prefix.equals(PACKAGE + ".") && name.indexOf('.', prefix.length()) < 0;
    }

    private static Set<String> classNames(Type type) {
        Set<String> names = new TreeSet<>();
        collect(type, names, new ArrayList<>());
        return names;
    }

    private static void collect(Type type, Set<String> names, List<Type> seen) {
        if (type == null || seen.contains(type)) {
            return;
        }
        seen.add(type);
        if (type instanceof Class<?> c) {
            names.add((c.isArray() ? c.componentType() : c).getName());
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), names, seen);
            Arrays.stream(p.getActualTypeArguments()).forEach(argument -> collect(argument, names, seen));
        } else if (type instanceof WildcardType w) {
            Stream.concat(Arrays.stream(w.getUpperBounds()), Arrays.stream(w.getLowerBounds()))
                    .forEach(bound -> collect(bound, names, seen));
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), names, seen);
        } else if (type instanceof TypeVariable<?> v) {
            Arrays.stream(v.getBounds()).forEach(bound -> collect(bound, names, seen));
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** Every public class of the API package, nested ones included, read from the compiled classes. */
    private static List<Class<?>> exportedClasses() throws IOException, URISyntaxException {
        Path directory = Path.of(TicketgateAgent.class.getResource("TicketgateAgent.class").toURI()).getParent();
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String simpleName = file.getFileName().toString().replace(".class", "");
                Class<?> type = load(PACKAGE + "." + simpleName);
                if (isReachable(type)) {
                    classes.add(type);
                }
            }
        }
        return classes;
    }

    /** Public, and so is every class it is nested in. */
    private static boolean isReachable(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, TicketgateAgent.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
