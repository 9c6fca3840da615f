// SQLite storage (better-sqlite3 12). JSON columns hold JSON text; timestamps are epoch ms of the
// sandbox clock. Soft deletes keep `deleted_at` so ids stay unique and history stays inspectable.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type DB = Database.Database;

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS organizations (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS workspaces (
  id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
  region_id TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, deleted_at INTEGER);
CREATE INDEX IF NOT EXISTS workspaces_by_name ON workspaces (organization_id, name);
CREATE TABLE IF NOT EXISTS source_definitions (
  id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL, docker_repository TEXT,
  docker_image_tag TEXT, support_level TEXT, release_stage TEXT, documentation_url TEXT,
  spec TEXT NOT NULL, has_icon INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS source_templates (
  id TEXT PRIMARY KEY, organization_id TEXT, definition_id TEXT NOT NULL, name TEXT NOT NULL,
  partial_default_config TEXT NOT NULL, customization TEXT, created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL, deleted_at INTEGER);
CREATE TABLE IF NOT EXISTS template_tags (
  id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL, UNIQUE (organization_id, name));
CREATE TABLE IF NOT EXISTS source_template_tags (
  template_id TEXT NOT NULL, tag_id TEXT NOT NULL, PRIMARY KEY (template_id, tag_id));
CREATE TABLE IF NOT EXISTS connection_templates (
  id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, data_hosting_type TEXT NOT NULL,
  destination_name TEXT NOT NULL, destination_definition_id TEXT NOT NULL, destination_config TEXT NOT NULL,
  cron_expression TEXT, non_breaking_changes_preference TEXT NOT NULL, sync_on_create INTEGER NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, deleted_at INTEGER);
CREATE TABLE IF NOT EXISTS connection_template_tags (
  template_id TEXT NOT NULL, tag_id TEXT NOT NULL, PRIMARY KEY (template_id, tag_id));
CREATE TABLE IF NOT EXISTS tokens (
  jti TEXT PRIMARY KEY, kind TEXT NOT NULL, organization_id TEXT NOT NULL, workspace_id TEXT,
  allowed_origin TEXT, source_tags TEXT NOT NULL, source_tags_mode TEXT NOT NULL,
  connection_tags TEXT NOT NULL, connection_tags_mode TEXT NOT NULL, issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
  id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, template_id TEXT NOT NULL, name TEXT NOT NULL,
  user_config TEXT NOT NULL, config TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  deleted_at INTEGER);
CREATE INDEX IF NOT EXISTS sources_by_workspace ON sources (workspace_id);
CREATE TABLE IF NOT EXISTS source_connections (
  source_id TEXT NOT NULL, connection_template_id TEXT NOT NULL, destination_name TEXT NOT NULL,
  created_at INTEGER NOT NULL, PRIMARY KEY (source_id, connection_template_id));
CREATE TABLE IF NOT EXISTS check_jobs (
  id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, organization_id TEXT NOT NULL, source_id TEXT,
  template_id TEXT NOT NULL, outcome TEXT NOT NULL, failure TEXT, created_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL);
`;

/** Opens (creating when needed) the database at `path` (`:memory:` for a throwaway one). */
export function openDb(path: string): DB {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  const v = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  if (!v) db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
  else if (Number(v.value) !== SCHEMA_VERSION) {
    db.close();
    throw new Error(`Sandbox database ${path} has schema version ${v.value}, this sandbox needs ${SCHEMA_VERSION}: delete the file to start fresh.`);
  }
  return db;
}

export function getMeta(db: DB, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setMeta(db: DB, key: string, value: string) {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export const json = <T = unknown>(s: string | null | undefined): T => (s == null ? (null as T) : (JSON.parse(s) as T));
export const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());
