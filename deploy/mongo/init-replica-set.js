// Initiates the three-member replica set of deploy/compose.yaml (service "mongo-init", mongosh).
// Safe to run at every start: a set already initiated is left as it is.
const members = [
  { _id: 0, host: 'mongo1:27017', priority: 2 },
  { _id: 1, host: 'mongo2:27017', priority: 1 },
  { _id: 2, host: 'mongo3:27017', priority: 1 },
];

try {
  const status = rs.status();
  print(`replica set ${status.set} already initiated (${status.members.length} members)`);
} catch (error) {
  // NotYetInitialized (94): the first start of the set.
  if (error.code !== 94) throw error;
  rs.initiate({ _id: 'adwatch', members });
  print('replica set adwatch initiated');
}

// adwatch's writes need a primary: wait for the election before reporting success.
for (let i = 0; i < 120; i++) {
  if (db.hello().isWritablePrimary || db.hello().primary) break;
  sleep(1000);
}
if (!db.hello().primary) throw new Error('no primary elected within 120 s');
print(`primary: ${db.hello().primary}`);
