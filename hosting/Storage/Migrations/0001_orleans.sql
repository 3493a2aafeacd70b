-- What the Orleans ADO.NET providers (clustering, grain storage, reminders; Invariant "Npgsql") need.
-- They ship no SQL: at start each provider loads its statements from OrleansQuery by key and then runs
-- them with named parameters. Table layouts and statement bodies are ours; what is fixed by the
-- providers is each QueryKey, the @parameter names they bind and the result column names they read.
-- Identifiers are left unquoted, so PostgreSQL folds them to lower case; the providers look result
-- columns up by name, which Npgsql matches case-insensitively.

CREATE TABLE OrleansQuery (
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text        NOT NULL
);


-- ---------------------------------------------------------------------------------------------------
-- Clustering (membership). One version row per cluster (DeploymentId = ClusterId): every membership
-- change must name the version it read and bumps it, which is how the protocol detects concurrent
-- writers. Heartbeats (IAmAliveTime) do not touch the version.
-- Status values are Orleans' SiloStatus: 3 = Active, 6 = Dead.

CREATE TABLE OrleansMembershipVersionTable (
    DeploymentId varchar(150) PRIMARY KEY,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0
);

CREATE TABLE OrleansMembershipTable (
    -- Deleting a cluster's version row takes its silo rows with it.
    DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     text         NOT NULL,
    HostName     text         NOT NULL,
    Status       integer      NOT NULL,
    -- 0 when the silo has no gateway; read back as a plain int, so never NULL.
    ProxyPort    integer      NOT NULL DEFAULT 0,
    -- "silo,time|silo,time|...", as the provider formats it; NULL when nobody suspects the silo.
    SuspectTimes text,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Adds a silo row if the caller's table version is still current, and bumps the version; false otherwise
-- (stale version or the row already exists). Locking the version row first serialises membership
-- writers, so a loser changes nothing and no rollback is needed.
CREATE FUNCTION orleans_membership_insert(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM FROM OrleansMembershipVersionTable v
     WHERE v.DeploymentId = p_deployment_id AND v.Version = p_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
         p_proxy_port, p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable v
       SET Version = v.Version + 1, Timestamp = now()
     WHERE v.DeploymentId = p_deployment_id;
    RETURN true;
END
$$;

-- Same pattern for a change of status / suspicions. IAmAliveTime never moves backwards: the entry
-- being written may have been read before the silo's latest heartbeat.
CREATE FUNCTION orleans_membership_update(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM FROM OrleansMembershipVersionTable v
     WHERE v.DeploymentId = p_deployment_id AND v.Version = p_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipTable m
       SET Status = p_status,
           SuspectTimes = p_suspect_times,
           IAmAliveTime = GREATEST(m.IAmAliveTime, p_i_am_alive_time)
     WHERE m.DeploymentId = p_deployment_id AND m.Address = p_address
       AND m.Port = p_port AND m.Generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable v
       SET Version = v.Version + 1, Timestamp = now()
     WHERE v.DeploymentId = p_deployment_id;
    RETURN true;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Run by every silo at start; answers whether this call created the cluster's version row.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT FROM created)
$q$),

('InsertMembershipKey', $q$
SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                 @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                 @IAmAliveTime, @Version)
$q$),

-- Heartbeat: the result is not read.
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
   SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
 WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
$q$),

-- The two reads start from the version row so that it comes back even when no silo row matches (the
-- provider takes the table version from the first row and treats a NULL StartTime as "no entry").
-- One statement, one snapshot: rows and version are consistent with each other.
('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable v
  LEFT JOIN OrleansMembershipTable m
    ON m.DeploymentId = v.DeploymentId
   AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
 WHERE v.DeploymentId = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable v
  LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
 WHERE v.DeploymentId = @DeploymentId
$q$),

-- Used by clients to find gateways (@Status is Active). A silo without a gateway has ProxyPort 0.
('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
  FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
$q$),

-- Drops a whole cluster (the silo rows go by cascade).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
$q$),

-- Pruning of dead silos. Provider 10.x first looks for CleanupDefunctSiloEntryKey (optional): it reads
-- the table, picks the Dead rows older than the cutoff, and deletes each one only if it still holds the
-- values it read, so a row that changed meanwhile survives. CleanupDefunctSiloEntriesKey is still
-- required at start and is the bulk fallback used when the per-row query is absent; it applies the
-- same age test in SQL: Dead, started and last alive before the cutoff, and no suspicion vote at or
-- after it (a fresh death declaration keeps the row visible a while longer).
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
   AND Status = 6
   AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
   AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '')
$q$),

('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND Status = 6
   AND StartTime < @IAmAliveTime AND IAmAliveTime < @IAmAliveTime
   -- each vote reads "silo,yyyy-MM-dd HH:mm:ss.fff GMT"
   AND NOT EXISTS (
       SELECT FROM unnest(string_to_array(NULLIF(SuspectTimes, ''), '|')) AS vote
        WHERE (replace(split_part(vote, ',', 2), ' GMT', '')::timestamp AT TIME ZONE 'UTC') >= @IAmAliveTime)
$q$);


-- ---------------------------------------------------------------------------------------------------
-- Grain storage. A grain's row is found by (ServiceId, grain type, N0, N1, key extension); the two
-- hashes come precomputed from the provider and only serve to narrow the index. Version is the ETag:
-- NULL in the grain means "never read a row", so the write inserts; otherwise the write must match it.
-- A statement that changes nothing answers no version (a NULL or no row), and the provider raises
-- InconsistentStateException.

CREATE TABLE OrleansStorage (
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        text         NOT NULL,
    -- The key extension, or the whole key of a string-keyed grain; NULL when there is none.
    GrainIdExtensionString text,
    ServiceId              varchar(150) NOT NULL,
    -- NULL after a clear: the row (and its version) stays so the ETag keeps counting.
    PayloadBinary          bytea,
    ModifiedOn             timestamptz  NOT NULL,
    Version                integer      NOT NULL
);

-- One row per grain, which also makes two racing first writes (version NULL) end with one winner.
-- The strings go in hashed so that long type names or keys cannot exceed the btree entry limit;
-- NULLS NOT DISTINCT so a missing key extension counts as a value.
CREATE UNIQUE INDEX OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, md5(GrainTypeString), md5(GrainIdExtensionString))
    NULLS NOT DISTINCT;

-- Versions wrap from 2147483647 to 1 instead of overflowing: an ETag only has to differ from the last one.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
  FROM OrleansStorage
 WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- Exactly one of the two branches runs, chosen by whether the grain holds a version.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE OrleansStorage
       SET PayloadBinary = @PayloadBinary, Version = Version % 2147483647 + 1, ModifiedOn = now()
     WHERE @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
       AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
       AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING Version),
inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
         ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
           @ServiceId, @PayloadBinary, now(), 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version)
SELECT (SELECT Version FROM updated UNION ALL SELECT Version FROM inserted) AS NewGrainStateVersion
$q$),

-- ClearStateAsync with DeleteStateOnClear = false (the default): keep the row, drop the payload.
('ClearStorageKey', $q$
UPDATE OrleansStorage
   SET PayloadBinary = NULL, Version = Version % 2147483647 + 1, ModifiedOn = now()
 WHERE Version = @GrainStateVersion
   AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING Version AS NewGrainStateVersion
$q$),

-- ClearStateAsync with DeleteStateOnClear = true. The provider counts a returned value equal to the
-- grain's ETag as a conflict, hence the "next" version; it then sets the grain's ETag to null.
('DeleteStorageKey', $q$
DELETE FROM OrleansStorage
 WHERE Version = @GrainStateVersion
   AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING Version % 2147483647 + 1 AS NewGrainStateVersion
$q$);


-- ---------------------------------------------------------------------------------------------------
-- Reminders. GrainId is the grain id's string form; GrainHash its uniform hash (as a signed int), by
-- which each silo reads the reminders of its share of the ring. Period is in milliseconds. Version is
-- the reminder's ETag.

CREATE TABLE OrleansRemindersTable (
    ServiceId    varchar(150) NOT NULL,
    GrainId      text         NOT NULL,
    ReminderName text         NOT NULL,
    StartTime    timestamptz  NOT NULL,
    Period       bigint       NOT NULL,
    GrainHash    integer      NOT NULL,
    Version      integer      NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX OrleansRemindersTable_Range ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r
    (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
   SET StartTime = EXCLUDED.StartTime, Period = EXCLUDED.Period, GrainHash = EXCLUDED.GrainHash,
       Version = r.Version % 2147483647 + 1
RETURNING r.Version
$q$),

('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
$q$),

('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainId = @GrainId
$q$),

-- A ring range (BeginHash, EndHash]. The provider picks Rows1 when Begin < End as signed ints, and
-- Rows2 for a range that wraps around.
('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash
$q$),

('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)
$q$),

-- Answers whether the row (at that ETag) was there to delete.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
       AND Version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT FROM deleted)
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId
$q$);
