import mysql from 'mysql2/promise';

// The Drucker runtime's own table in a cluster's service database (DESIGN.md "Drucker runtime
// compatibility"): runtime images that read their model from it find the service's row by
// DRUCKER_SERVICE_NAME. Written before the Deployment is applied, so new pods load the new model.

export type ServiceDatabase = { host: string; port: number; database: string; user: string; password: string | null };

const createTable = `CREATE TABLE IF NOT EXISTS model_assignments (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  service_name VARCHAR(512) NOT NULL,
  model_path VARCHAR(512) NOT NULL,
  first_boot TINYINT(1) NOT NULL DEFAULT 1,
  UNIQUE KEY model_assignments_service_name_uq (service_name)
)`;

/**
 * Upserts the service's row. A new row is the service's first boot with a model; a changed one
 * is a switch of a running service (first_boot = 0), as the original dashboard recorded it.
 */
export async function writeModelAssignment(target: ServiceDatabase, row: { serviceName: string; modelPath: string }): Promise<void> {
  const connection = await mysql.createConnection({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password ?? undefined,
    connectTimeout: 10_000,
  });
  try {
    await connection.query(createTable);
    await connection.execute(
      'INSERT INTO model_assignments (service_name, model_path, first_boot) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE first_boot = IF(model_path = VALUES(model_path), first_boot, 0), model_path = VALUES(model_path)',
      [row.serviceName, row.modelPath],
    );
  } finally {
    await connection.end();
  }
}

/** The service's row, for tests and diagnostics. */
export async function readModelAssignment(target: ServiceDatabase, serviceName: string): Promise<{ modelPath: string; firstBoot: boolean } | null> {
  const connection = await mysql.createConnection({ host: target.host, port: target.port, database: target.database, user: target.user, password: target.password ?? undefined });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT model_path, first_boot FROM model_assignments WHERE service_name = ?', [serviceName]);
    const found = rows[0];
    return found ? { modelPath: String(found.model_path), firstBoot: Boolean(found.first_boot) } : null;
  } finally {
    await connection.end();
  }
}
