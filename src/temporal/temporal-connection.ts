import { Connection } from '@temporalio/client';

/**
 * Connects to a Temporal frontend, or fails within `timeoutMs` having closed the channel:
 * the SDK's `Connection.connect` leaves a failed channel open, reconnecting forever, and
 * closing one while it still waits for readiness makes grpc-js throw out of a timer.
 */
export async function connectTemporal(address: string, timeoutMs: number): Promise<Connection> {
  const connection = Connection.lazy({ address, connectTimeout: timeoutMs });
  try {
    await connection.ensureConnected();
  } catch (error) {
    await connection.close();
    throw error;
  }
  return connection;
}
