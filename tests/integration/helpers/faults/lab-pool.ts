/**
 * Fault labs shared by the suite's concurrent scenarios: each scenario takes
 * a free lab and gives it back. A lab starts a new group (fresh data
 * directory and tablet databases) every `groupSize` scenarios, and after a
 * scenario that failed, so no failure's leftovers reach the next one.
 */
import { FaultLab } from './fault-lab.js';

interface PooledLab {
  lab: FaultLab;
  scenariosInGroup: number;
}

export class LabPool {
  private readonly idle: PooledLab[] = [];
  private readonly waiting: ((lab: PooledLab) => void)[] = [];

  private constructor(
    private readonly all: PooledLab[],
    private readonly groupSize: number,
  ) {
    this.idle.push(...all);
  }

  static async start(size: number, groupSize: number): Promise<LabPool> {
    const labs = await Promise.all(Array.from({ length: size }, () => FaultLab.start()));
    return new LabPool(
      labs.map((lab) => ({ lab, scenariosInGroup: groupSize })),
      groupSize,
    );
  }

  /** Runs one scenario on a free lab; `ok` false makes the lab start afresh next time. */
  async use<T>(scenario: (lab: FaultLab) => Promise<{ ok: boolean; value: T }>): Promise<T> {
    const pooled =
      this.idle.pop() ?? (await new Promise<PooledLab>((resolve) => this.waiting.push(resolve)));
    try {
      if (pooled.scenariosInGroup >= this.groupSize) {
        await pooled.lab.newGroup();
        pooled.scenariosInGroup = 0;
      }
      pooled.scenariosInGroup += 1;
      const { ok, value } = await scenario(pooled.lab);
      if (!ok) pooled.scenariosInGroup = this.groupSize;
      return value;
    } catch (error) {
      pooled.scenariosInGroup = this.groupSize;
      throw error;
    } finally {
      const next = this.waiting.shift();
      if (next) next(pooled);
      else this.idle.push(pooled);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.all.map(({ lab }) => lab.close()));
  }
}
