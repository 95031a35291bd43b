import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter, timeout } from 'rxjs';
import { makeRepairOrder } from '../factories/repair-order.js';
import { startTabletClient, type TabletClient } from './helpers/rxdb-client.js';
import { pullAll } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

describe('RxDB tablets replicating through the server', () => {
  let server: TestServer;
  const tablets: TabletClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await Promise.all(tablets.splice(0).map((tablet) => tablet.close()));
    await server.stop();
  });

  async function tablet(): Promise<TabletClient> {
    const started = await startTabletClient(server.baseUrl);
    tablets.push(started);
    await started.replication.awaitInitialReplication();
    return started;
  }

  it('push then pull round trip: an order written on tablet A arrives intact on tablet B', async () => {
    const tabletA = await tablet();
    const order = makeRepairOrder({ concern: '发动机有异响,冷车启动时明显。' });
    await tabletA.orders.insert(order);
    await tabletA.replication.awaitInSync();

    const onServer = await pullAll(server.baseUrl);
    expect(onServer.documents).toEqual([{ ...order, _deleted: false }]);

    const tabletB = await tablet();
    const received = await tabletB.orders.findOne(order.id).exec();
    expect(received?.toJSON()).toEqual(order);
  });

  it('the stream announces a write from another tablet without tablet B asking', async () => {
    const tabletA = await tablet();
    const tabletB = await tablet();
    const order = makeRepairOrder();

    const arrival = firstValueFrom(
      tabletB.orders.findOne(order.id).$.pipe(
        filter((document) => document !== null),
        timeout(10_000),
      ),
    );
    await tabletA.orders.insert(order);
    expect((await arrival).toJSON()).toEqual(order);
  });

  it('an edit on tablet B flows back to tablet A', async () => {
    const tabletA = await tablet();
    const order = makeRepairOrder();
    await tabletA.orders.insert(order);
    await tabletA.replication.awaitInSync();
    const tabletB = await tablet();

    const onB = await tabletB.orders.findOne(order.id).exec();
    // Tablet B is signed in as the demo advisor: the edit is made, and named, by her.
    await onB?.incrementalPatch({ status: 'in-workshop', updatedAt: order.updatedAt + 1 });
    await tabletB.replication.awaitInSync();

    const updatedOnA = await firstValueFrom(
      tabletA.orders.findOne(order.id).$.pipe(
        filter((document) => document?.status === 'in-workshop'),
        timeout(10_000),
      ),
    );
    expect(updatedOnA?.updatedAt).toBe(order.updatedAt + 1);
  });
});
