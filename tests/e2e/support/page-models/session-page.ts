import type { Locator, Page } from 'playwright-core';
import { sessionTexts } from '../../../../src/features/session/texts.js';

/**
 * The way in on a shared tablet: password sign-in, "who are you?", the PIN
 * pad, and "switch user" in the header. Labels match in English and Chinese,
 * so the same steps serve a tablet in either language.
 */
const { en, zhCN } = sessionTexts;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text in either language; a required field's label may end in " *". */
function either(english: string, chinese: string): RegExp {
  return new RegExp(`^(${escape(english)}|${escape(chinese)})( \\*)?$`);
}

export class SessionPage {
  constructor(readonly page: Page) {}

  switchUserButton(): Locator {
    return this.page.getByRole('button', { name: either(en.switchUser, zhCN.switchUser) });
  }

  whoAreYouHeading(): Locator {
    return this.page.getByRole('heading', { name: either(en.whoAreYou, zhCN.whoAreYou) });
  }

  enrolHeading(): Locator {
    return this.page.getByRole('heading', { name: either(en.enrol.title, zhCN.enrol.title) });
  }

  /**
   * A site admin enrols the tablet (online), as on its first day. Tests name
   * tablets by what they stand for ("advisor tablet") so the admin list reads well.
   */
  async enrol(name = 'E2E tablet', admin = 'admin', password = 'demo1234'): Promise<void> {
    await this.enrolHeading().waitFor({ timeout: 30_000 });
    const field = (english: string, chinese: string) =>
      this.page.getByLabel(either(english, chinese), { exact: true });
    await field(en.enrol.deviceName, zhCN.enrol.deviceName).fill(name);
    await field(en.enrol.adminUsername, zhCN.enrol.adminUsername).fill(admin);
    await field(en.enrol.adminPassword, zhCN.enrol.adminPassword).fill(password);
    await this.page
      .getByRole('button', { name: either(en.enrol.submit, zhCN.enrol.submit) })
      .click();
    await this.usernameField().waitFor({ timeout: 20_000 });
  }

  usernameField(): Locator {
    return this.page.getByLabel(either(en.signIn.username, zhCN.signIn.username));
  }

  /** The person's big button on "who are you?", found by their username. */
  personButton(username: string): Locator {
    return this.page.getByRole('button', { name: new RegExp(`[((]${escape(username)}[))]`) });
  }

  pinField(): Locator {
    return this.page.getByLabel(either(en.pin, zhCN.pin));
  }

  digitButton(digit: string): Locator {
    return this.page.getByRole('button', { name: digit, exact: true });
  }

  confirmPinButton(): Locator {
    return this.page.getByRole('button', { name: either(en.confirmPin, zhCN.confirmPin) });
  }

  /** A refusal on the PIN pad (wrong PIN, paused). */
  pinAlert(): Locator {
    return this.page.getByRole('alert');
  }

  idleLockField(): Locator {
    return this.page.getByLabel(either(en.idleLock, zhCN.idleLock));
  }

  /**
   * Whatever the tablet shows first: enrolling it, the sign-in form, "who are
   * you?", or someone already in.
   */
  async waitForDoor(): Promise<void> {
    await this.switchUserButton()
      .or(this.whoAreYouHeading())
      .or(this.usernameField())
      .or(this.enrolHeading())
      .first()
      .waitFor({ timeout: 30_000 });
  }

  async isSignedIn(): Promise<boolean> {
    return this.switchUserButton().isVisible();
  }

  /** "Switch user": locks at once. */
  async lock(): Promise<void> {
    await this.switchUserButton().click();
    await this.whoAreYouHeading().waitFor();
  }

  /** Enrols the tablet first if no admin has yet (the demo admin, as a dealer's first day). */
  async signInWithPassword(username: string, password: string): Promise<void> {
    await this.waitForDoor();
    if (await this.enrolHeading().isVisible()) await this.enrol();
    if (await this.isSignedIn()) await this.lock();
    if (await this.whoAreYouHeading().isVisible()) {
      await this.page
        .getByRole('button', { name: either(en.signInWithPassword, zhCN.signInWithPassword) })
        .click();
    }
    await this.usernameField().fill(username);
    await this.page
      .getByLabel(either(en.signIn.password, zhCN.signIn.password), { exact: true })
      .fill(password);
    await this.page
      .getByRole('button', { name: either(en.signIn.submit, zhCN.signIn.submit) })
      .click();
    await this.switchUserButton().waitFor({ timeout: 20_000 });
  }

  /** Locks if someone is in, taps the person and taps in the PIN; does not wait for the result. */
  async tryPin(username: string, pin: string): Promise<void> {
    await this.waitForDoor();
    if (await this.isSignedIn()) await this.lock();
    await this.personButton(username).click();
    await this.pinField().waitFor();
    for (const digit of pin) await this.digitButton(digit).click();
    await this.confirmPinButton().click();
  }

  async switchTo(username: string, pin: string): Promise<void> {
    await this.tryPin(username, pin);
    await this.switchUserButton().waitFor({ timeout: 20_000 });
  }

  /** The header's "Signed in: name, role" group, for checking who is in. */
  currentUser(): Locator {
    return this.page.getByRole('group', { name: /^(Signed in: |当前用户:)/ });
  }
}

/** Signs in with username and password (online), as on a tablet's first use by that person. */
export async function signIn(
  page: Page,
  username = 'advisor1',
  password = 'demo1234',
): Promise<void> {
  await new SessionPage(page).signInWithPassword(username, password);
}

/** "Switch user", tap the person, PIN: online or offline, for someone who signed in here before. */
export async function switchUser(page: Page, username: string, pin = '1234'): Promise<void> {
  await new SessionPage(page).switchTo(username, pin);
}
