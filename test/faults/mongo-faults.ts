import { MongoClient } from 'mongodb';

/**
 * Makes MongoDB refuse every insert or update of one collection of a database, with the server's
 * own error (document validation, code 121), the way a full disk or a quota would refuse it; and
 * lifts the refusal again. Only that collection of that database is affected, so the shared test
 * server stays usable for everything else.
 */
export async function refuseWrites(
  uri: string,
  database: string,
  collection: string,
): Promise<{ lift(): Promise<void> }> {
  const client = await MongoClient.connect(uri);
  const db = client.db(database);
  // Nothing has `_id` missing, so no document passes.
  const never = { _id: { $exists: false } };
  const exists = (await db.listCollections({ name: collection }).toArray()).length > 0;
  if (exists)
    await db.command({ collMod: collection, validator: never, validationAction: 'error' });
  else await db.createCollection(collection, { validator: never, validationAction: 'error' });
  return {
    async lift() {
      await db.command({ collMod: collection, validator: {} });
      await client.close();
    },
  };
}
