import { AppShell, Center, Container, Loader } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { EnrolScreen } from './enrol-screen.js';
import { SignInScreen } from './sign-in-screen.js';
import { useSession } from './session-state.js';
import { WhoAreYouScreen } from './who-are-you-screen.js';

/**
 * The way in while nobody is at the tablet: enrolling it when no site admin
 * has (or its enrolment was revoked), else "who are you?", or the password
 * sign-in when the tablet knows nobody yet or someone new asks for it.
 * `children` go above it (the app's update prompt).
 */
export function LockScreen({ children }: { children?: ReactNode }) {
  const ready = useSession((state) => state.ready);
  const enrolled = useSession((state) => state.enrolment !== null);
  const knowsSomeone = useSession((state) => state.knownUsers.length > 0);
  const [withPassword, setWithPassword] = useState(false);
  return (
    <AppShell.Main>
      {children}
      <Container size="lg" px={0}>
        {!ready ? (
          <Center h={200}>
            <Loader />
          </Center>
        ) : !enrolled ? (
          <EnrolScreen />
        ) : withPassword || !knowsSomeone ? (
          <SignInScreen onUsePin={knowsSomeone ? () => setWithPassword(false) : null} />
        ) : (
          <WhoAreYouScreen onPassword={() => setWithPassword(true)} />
        )}
      </Container>
    </AppShell.Main>
  );
}
