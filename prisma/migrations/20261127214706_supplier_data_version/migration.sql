-- CreateTable
CREATE TABLE "supplier_data_version" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "supplier_data_version_pkey" PRIMARY KEY ("id")
);

-- The one row, and the triggers that move its version with every transaction that changes what supplier
-- matching reads. They are deferred to the commit, so the row's lock is the last one a writer takes and
-- is held only while it commits (no deadlock with the writer's other locks), and a reader never sees a
-- version newer than the data it can read. The version moves once per transaction, however many rows.
INSERT INTO "supplier_data_version" ("id", "version") VALUES (1, 0);

CREATE FUNCTION supplier_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ccm.supplier_data_changed_in', true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE "supplier_data_version" SET "version" = "version" + 1 WHERE "id" = 1;
    PERFORM set_config('ccm.supplier_data_changed_in', txid_current()::text, true);
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER organisation_supplier_data_changed AFTER INSERT OR UPDATE OR DELETE ON "organisation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION supplier_data_changed();
CREATE CONSTRAINT TRIGGER offering_supplier_data_changed AFTER INSERT OR UPDATE OR DELETE ON "offering"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION supplier_data_changed();
CREATE CONSTRAINT TRIGGER supplier_year_supplier_data_changed AFTER INSERT OR UPDATE OR DELETE ON "supplier_year"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION supplier_data_changed();
CREATE CONSTRAINT TRIGGER contract_supplier_data_changed AFTER INSERT OR UPDATE OR DELETE ON "contract"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION supplier_data_changed();

-- Emptying a table moves it too (constraint triggers cannot fire on TRUNCATE).
CREATE TRIGGER organisation_supplier_data_truncated AFTER TRUNCATE ON "organisation" FOR EACH STATEMENT EXECUTE FUNCTION supplier_data_changed();
CREATE TRIGGER offering_supplier_data_truncated AFTER TRUNCATE ON "offering" FOR EACH STATEMENT EXECUTE FUNCTION supplier_data_changed();
CREATE TRIGGER supplier_year_supplier_data_truncated AFTER TRUNCATE ON "supplier_year" FOR EACH STATEMENT EXECUTE FUNCTION supplier_data_changed();
CREATE TRIGGER contract_supplier_data_truncated AFTER TRUNCATE ON "contract" FOR EACH STATEMENT EXECUTE FUNCTION supplier_data_changed();
