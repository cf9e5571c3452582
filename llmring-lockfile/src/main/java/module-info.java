/** The llmring lockfile: model, TOML/JSON codec, discovery, profiles, extends, validation and digest. No network. */
module dev.llmring.lockfile {
    requires org.tomlj;
    requires com.fasterxml.jackson.databind;
    requires static transitive org.jspecify;

    exports dev.llmring.lockfile;
}
