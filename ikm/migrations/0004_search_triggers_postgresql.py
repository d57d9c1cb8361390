"""Full-text search for the public directory, kept by PostgreSQL itself.

A trigger fills businessgroup.search_document (weighted: name A; theme and product names B;
descriptions C, in the built-in `indonesian` configuration) and search_text (for pg_trgm
typo tolerance) whenever a group, one of its products, or its theme changes, whoever
changes them (admin, import, SQL). GIN indexes keep both fast as the directory grows.
On SQLite this migration does nothing: search there is a plain case-insensitive match.
"""

from django.db import migrations

FORWARD = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE OR REPLACE FUNCTION ikm_group_search_fill() RETURNS trigger AS $$
DECLARE
    theme_name text;
    product_names text;
    product_descriptions text;
BEGIN
    SELECT name INTO theme_name FROM ikm_theme WHERE id = NEW.theme_id;
    SELECT coalesce(string_agg(name, ' '), ''), coalesce(string_agg(description, ' '), '')
      INTO product_names, product_descriptions
      FROM ikm_product WHERE group_id = NEW.id;
    NEW.search_document :=
        setweight(to_tsvector('indonesian', coalesce(NEW.name, '')), 'A')
        || setweight(to_tsvector('indonesian',
                     coalesce(theme_name, '') || ' ' || product_names), 'B')
        || setweight(to_tsvector('indonesian',
                     coalesce(NEW.description, '') || ' ' || product_descriptions), 'C');
    NEW.search_text := lower(concat_ws(' ', NEW.name, theme_name, product_names));
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER ikm_group_search_fill
    BEFORE INSERT OR UPDATE OF name, description, theme_id, search_document
    ON ikm_businessgroup FOR EACH ROW EXECUTE FUNCTION ikm_group_search_fill();

-- A product or theme change asks its groups to refill (setting search_document fires the
-- trigger above).
CREATE OR REPLACE FUNCTION ikm_product_search_touch() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE ikm_businessgroup SET search_document = NULL WHERE id = OLD.group_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.group_id <> OLD.group_id) THEN
        UPDATE ikm_businessgroup SET search_document = NULL WHERE id = NEW.group_id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER ikm_product_search_touch
    AFTER INSERT OR DELETE OR UPDATE OF name, description, group_id
    ON ikm_product FOR EACH ROW EXECUTE FUNCTION ikm_product_search_touch();

CREATE OR REPLACE FUNCTION ikm_theme_search_touch() RETURNS trigger AS $$
BEGIN
    UPDATE ikm_businessgroup SET search_document = NULL WHERE theme_id = NEW.id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER ikm_theme_search_touch
    AFTER UPDATE OF name ON ikm_theme FOR EACH ROW EXECUTE FUNCTION ikm_theme_search_touch();

CREATE INDEX ikm_group_search_document ON ikm_businessgroup USING gin (search_document);
CREATE INDEX ikm_group_search_text_trgm ON ikm_businessgroup USING gin (search_text gin_trgm_ops);

UPDATE ikm_businessgroup SET search_document = NULL;
"""

BACKWARD = """
DROP INDEX IF EXISTS ikm_group_search_text_trgm;
DROP INDEX IF EXISTS ikm_group_search_document;
DROP TRIGGER IF EXISTS ikm_theme_search_touch ON ikm_theme;
DROP TRIGGER IF EXISTS ikm_product_search_touch ON ikm_product;
DROP TRIGGER IF EXISTS ikm_group_search_fill ON ikm_businessgroup;
DROP FUNCTION IF EXISTS ikm_theme_search_touch();
DROP FUNCTION IF EXISTS ikm_product_search_touch();
DROP FUNCTION IF EXISTS ikm_group_search_fill();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("ikm", "0003_search_and_marketplace")]

    operations = [migrations.RunPython(forward, backward)]
