"""Rate tables: their YAML schema, reading and checking them, the catalogue of versions in
force on a day, the parsed-table cache, and comparing two versions (`rates diff`, `rates lint`)."""
