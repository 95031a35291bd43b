import type { Locator, Page } from 'playwright-core';

export interface OrderDetails {
  customerName: string;
  phone: string;
  plate: string;
  vin: string;
  model: string;
  colour: string;
  odometerKm: number;
  fuelEighths: number;
  concern: string;
}

export const CONCERN_LABEL = "Customer's concern, in the customer's own words";

/** A repair order's walkaround: steps, each field saving itself as it is typed. */
export class OrderFormPage {
  constructor(readonly page: Page) {}

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label, { exact: typeof label === 'string' });
  }

  async goToStep(name: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^\\d+\\. ${escape(name)}$`) }).click();
    await this.page
      .getByRole('heading', { name: new RegExp(`^${escape(name)}`), level: 3 })
      .waitFor();
  }

  async orderNumber(): Promise<string> {
    const heading = await this.page
      .getByRole('heading', { name: /^Repair order RO-/ })
      .textContent();
    return (heading ?? '').replace('Repair order ', '').trim();
  }

  fuelGauge(): Locator {
    return this.page.getByRole('slider', { name: 'Fuel level' });
  }

  async setFuel(eighths: number): Promise<void> {
    await this.fuelGauge().focus();
    await this.page.keyboard.press('Home');
    for (let step = 0; step < eighths; step++) await this.page.keyboard.press('ArrowRight');
    await this.page.waitForFunction(
      (expected) =>
        document.querySelector('[role="slider"]')?.getAttribute('aria-valuenow') ===
        String(expected),
      eighths,
    );
  }

  /** Types the odometer and leaves the field, which is when the reading is judged. */
  async enterOdometer(km: number): Promise<void> {
    await this.field('Odometer (km)').fill(String(km));
    await this.field('Odometer (km)').press('Enter');
  }

  async fillIn(details: OrderDetails): Promise<void> {
    await this.goToStep('Customer & vehicle');
    await this.field('Customer name').fill(details.customerName);
    await this.field('Phone').fill(details.phone);
    await this.field('Plate').fill(details.plate);
    await this.field(/^VIN/).fill(details.vin);
    await this.field('Model').fill(details.model);
    await this.field('Colour').fill(details.colour);
    await this.goToStep('Odometer & fuel');
    await this.enterOdometer(details.odometerKm);
    await this.setFuel(details.fuelEighths);
    await this.goToStep('Concern');
    await this.field(CONCERN_LABEL).fill(details.concern);
  }

  async backToList(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back to orders' }).click();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
