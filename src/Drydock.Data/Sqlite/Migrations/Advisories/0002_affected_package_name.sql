-- One scan reads only the statements about the package names it found (drydock scan), through this index.
CREATE INDEX affected_package_name ON affected_package (name);
