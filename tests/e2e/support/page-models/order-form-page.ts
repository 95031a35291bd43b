import type { Locator, Page } from 'playwright-core';

export interface OrderDetails {
  customerName: string;
  phone: string;
  plate: string;
  vin: string;
  model: string;
  colour: string;
  odometerKm: number;
  fuelLabel: string;
  concern: string;
}

/** The repair order form: every field saves itself as it is typed. */
export class OrderFormPage {
  constructor(readonly page: Page) {}

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label, { exact: typeof label === 'string' });
  }

  async orderNumber(): Promise<string> {
    const heading = await this.page
      .getByRole('heading', { name: /^Repair order RO-/ })
      .textContent();
    return (heading ?? '').replace('Repair order ', '').trim();
  }

  async fillIn(details: OrderDetails): Promise<void> {
    await this.field('Customer name').fill(details.customerName);
    await this.field('Phone').fill(details.phone);
    await this.field('Plate').fill(details.plate);
    await this.field(/^VIN/).fill(details.vin);
    await this.field('Model').fill(details.model);
    await this.field('Colour').fill(details.colour);
    await this.field('Odometer (km)').fill(String(details.odometerKm));
    await this.page
      .getByRole('radiogroup', { name: 'Fuel level' })
      .getByText(details.fuelLabel, { exact: true })
      .click();
    await this.field("Customer's concern, in the customer's own words").fill(details.concern);
    await this.field('Model').focus(); // blur the last field like a tap elsewhere would
  }

  async backToList(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back to orders' }).click();
  }
}
