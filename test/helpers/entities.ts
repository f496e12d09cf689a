import { MongoClient } from 'mongodb';
import { inject } from 'vitest';

/**
 * Makes a test database look as adwatch left it before entities existed: no entity, and ads'
 * contacts without employer keys.
 */
export async function forgetEntities(database: string): Promise<void> {
  const client = await MongoClient.connect(inject('mongoUri'));
  try {
    const db = client.db(database);
    await db.collection('entities').deleteMany({});
    await db
      .collection<{ _id: string; contacts?: string[] }>('ads')
      .updateMany({}, { $pull: { contacts: /^employer:/ } });
  } finally {
    await client.close();
  }
}
