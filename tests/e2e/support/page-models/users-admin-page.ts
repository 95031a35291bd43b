import type { Locator, Page } from 'playwright-core';

/** The site admin's users screen (#/admin), in English. */
export class UsersAdminPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { name: 'Users' });
  }

  /** One person's card, named after them. */
  user(displayName: string): Locator {
    return this.page.getByRole('region', { name: displayName, exact: true });
  }

  refusal(text: string): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  /** Fills in "Add user" and sends it; the dialog stays open if the server refuses. */
  async addUser(user: {
    username: string;
    displayName: string;
    password: string;
    pin: string;
  }): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Add user' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add user' });
    // Required fields' labels end in " *".
    await dialog.getByLabel(/^Username/).fill(user.username);
    await dialog.getByLabel(/^Name/).fill(user.displayName);
    await dialog.getByLabel(/^Password/).fill(user.password);
    await dialog.getByLabel(/^PIN/).fill(user.pin);
    await dialog.getByRole('button', { name: 'Add user' }).click();
    return dialog;
  }

  async changeRole(displayName: string, role: string): Promise<void> {
    await this.page.getByRole('combobox', { name: `Role of ${displayName}` }).click();
    await this.page.getByRole('option', { name: role, exact: true }).click();
  }

  role(displayName: string): Locator {
    return this.page.getByRole('combobox', { name: `Role of ${displayName}` });
  }

  async deactivate(displayName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Deactivate ${displayName}` }).click();
  }

  async resetPin(displayName: string, pin: string): Promise<void> {
    await this.page.getByRole('button', { name: `Reset PIN of ${displayName}` }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel(/^New PIN/).fill(pin);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await this.page.getByText(`Saved: ${displayName}`).waitFor();
  }

  /** One enrolled tablet's card in "Tablets", named after the tablet. */
  tablet(name: string): Locator {
    return this.page
      .getByRole('region', { name: 'Tablets', exact: true })
      .getByRole('region', { name, exact: true });
  }

  async revokeTablet(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Revoke tablet ${name}` }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await this.tablet(name).getByText('Revoked', { exact: true }).waitFor();
  }
}
