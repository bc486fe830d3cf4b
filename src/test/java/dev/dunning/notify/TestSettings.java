package dev.dunning.notify;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.dunning.files.EditableFiles;

/** The notify feature's parts as the unit tests build them, with the shipped defaults. */
final class TestSettings {

    private TestSettings() {
    }

    static NotifyProperties defaults(boolean emailEnabled) {
        return new NotifyProperties("log", "ru", "Dunning demo", 6,
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                        Duration.ofHours(12)),
                Duration.ofMinutes(5), 20, 4, null, new NotifyProperties.Email(emailEnabled, "billing@example.com"));
    }

    /** Templates as the application finds them: the packaged ones, overridden by files under {@code home/templates}. */
    static NoticeTemplates templates(Path home) {
        return new NoticeTemplates(editableFiles(home), defaults(false));
    }

    private static EditableFiles editableFiles(Path home) {
        // Spring builds EditableFiles through its package-private constructor; these tests need the real thing.
        try {
            Constructor<EditableFiles> constructor = EditableFiles.class.getDeclaredConstructor(Path.class);
            constructor.setAccessible(true);
            return constructor.newInstance(home);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build EditableFiles for the test", e);
        }
    }
}
