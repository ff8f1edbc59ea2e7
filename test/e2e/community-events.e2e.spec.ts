import { dataOf, errorCodes } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(120_000);

const OPERATORS = 'operators';
const ORGANIZE = 'mutation ($input: OrganizeEventInput!) { organizeEvent(input: $input) { id title capacity confirmedCount waitlistCount place onlineUrl } }';
const RSVP = 'mutation ($id: ID!) { rsvp(eventId: $id) { status position } }';
const CANCEL = 'mutation ($id: ID!) { cancelRsvp(eventId: $id) { confirmedCount waitlistCount } }';
const EVENT = 'query ($id: ID!) { communityEvent(id: $id) { confirmedCount waitlistCount myRsvp { status position } } }';

interface Rsvp {
  status: 'CONFIRMED' | 'WAITLISTED';
  position: number | null;
}

/** Community events: seats up to the capacity, a waitlist promoted in order, and never one seat too many, through the gateway. */
describe('community events through the gateway', () => {
  const goliath = useTestPlatform({ env: { PLATFORM_OPERATOR_TENANT: OPERATORS } });
  let moderator: string;
  let tenants: string[];
  const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
  const organize = async (capacity: number) =>
    dataOf(await goliath.call<{ organizeEvent: { id: string } }>(ORGANIZE, { input: { title: 'QUBO meetup', startsAt: inAWeek(), capacity, place: 'Berlin' } }, moderator)).organizeEvent.id;

  beforeAll(async () => {
    moderator = await goliath.token('MODERATOR', OPERATORS, 'mo');
    tenants = await goliath.createTenants('Acme', 'Globex');
  });

  it('lets moderators organise an event online or at a place (exactly one), and no one else', async () => {
    const online = dataOf(await goliath.call<{ organizeEvent: Record<string, unknown> }>(ORGANIZE, { input: { title: 'Webinar', startsAt: inAWeek(), capacity: 100, onlineUrl: 'https://meet.example/qubo' } }, moderator));
    expect(online.organizeEvent).toMatchObject({ capacity: 100, confirmedCount: 0, waitlistCount: 0, onlineUrl: 'https://meet.example/qubo', place: null });
    expect(errorCodes(await goliath.call(ORGANIZE, { input: { title: 'Both', startsAt: inAWeek(), capacity: 5, place: 'Rome', onlineUrl: 'https://meet.example/x' } }, moderator))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await goliath.call(ORGANIZE, { input: { title: 'Huge', startsAt: inAWeek(), capacity: 100_001, place: 'Rome' } }, moderator))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await goliath.call(ORGANIZE, { input: { title: 'Mine', startsAt: inAWeek(), capacity: 5, place: 'Rome' } }, await goliath.token('TENANT_ADMIN', tenants[0])))).toEqual(['FORBIDDEN']);
  });

  it('gives 50 concurrent RSVPs to 10 seats exactly 10 confirmations and a waitlist of 40 in order; a cancelled seat goes to the first in line', async () => {
    // given an event with 10 seats and 50 members of two tenants
    const eventId = await organize(10);
    const members = await Promise.all(Array.from({ length: 50 }, (_, index) => goliath.token('DEVELOPER', tenants[index % 2], `member-${index}`)));

    // when all of them RSVP at once
    const answers = await Promise.all(members.map(async (token) => dataOf(await goliath.call<{ rsvp: Rsvp }>(RSVP, { id: eventId }, token)).rsvp));

    // then exactly 10 hold a seat and 40 wait, numbered 1 to 40
    expect(answers.filter((answer) => answer.status === 'CONFIRMED')).toHaveLength(10);
    const waiting = answers.filter((answer) => answer.status === 'WAITLISTED');
    expect(waiting.map((answer) => answer.position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    const event = async (token: string) => dataOf(await goliath.call<{ communityEvent: { confirmedCount: number; waitlistCount: number; myRsvp: Rsvp | null } }>(EVENT, { id: eventId }, token)).communityEvent;
    expect(await event(moderator)).toEqual({ confirmedCount: 10, waitlistCount: 40, myRsvp: null });

    // and a repeat answers the RSVP one has, changing nothing
    const first = members[answers.findIndex((answer) => answer.position === 1)];
    expect(dataOf(await goliath.call<{ rsvp: Rsvp }>(RSVP, { id: eventId }, first)).rsvp).toEqual({ status: 'WAITLISTED', position: 1 });

    // when a confirmed member cancels
    const seated = members[answers.findIndex((answer) => answer.status === 'CONFIRMED')];
    expect(dataOf(await goliath.call<{ cancelRsvp: { confirmedCount: number; waitlistCount: number } }>(CANCEL, { id: eventId }, seated)).cancelRsvp).toEqual({ confirmedCount: 10, waitlistCount: 39 });

    // then the first in line has the seat, and the second is first now
    expect((await event(first)).myRsvp).toEqual({ status: 'CONFIRMED', position: null });
    const second = members[answers.findIndex((answer) => answer.position === 2)];
    expect((await event(second)).myRsvp).toEqual({ status: 'WAITLISTED', position: 1 });
    expect((await event(seated)).myRsvp).toBeNull();
  });

  it('refuses RSVPs from viewers', async () => {
    const eventId = await organize(5);
    expect(errorCodes(await goliath.call(RSVP, { id: eventId }, await goliath.token('VIEWER', tenants[0])))).toEqual(['FORBIDDEN']);
  });
});
