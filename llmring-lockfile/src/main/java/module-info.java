/** The llmring lockfile: model, TOML/JSON codec, discovery, profiles, extends, validation and digest. No network. */
@SuppressWarnings("module") // the qualified export names dev.llmring.core, which is built after this module
module dev.llmring.lockfile {
    requires com.fasterxml.jackson.databind;
    requires static transitive org.jspecify;

    exports dev.llmring.lockfile;
    exports dev.llmring.lockfile.internal to
            dev.llmring.core;
}
