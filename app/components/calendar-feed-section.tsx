import { Form } from "@remix-run/react";
import { ConfirmAction } from "~/components/confirm-action";
import { Button, Field, Notice } from "~/components/ui";

type CalendarLinks = { learner: string; team: string | null };

type Props = {
  /** The person has a working link (whether or not it is shown now). */
  hasFeed: boolean;
  /** The person also gets their direct reports' due dates. */
  team: boolean;
  /** The links just made: shown once, since only their hash is kept. */
  links: CalendarLinks | null;
  revoked: boolean;
};

/** The account page's private calendar links: make one, see it once, replace it or turn it off. */
export function CalendarFeedSection({ hasFeed, team, links, revoked }: Props) {
  return (
    <section aria-labelledby="calendar-feed-heading" className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="calendar-feed-heading" className="text-lg font-semibold">
        Due dates in your calendar
      </h2>
      <p className="text-sm text-slate-600">
        Subscribe to a private link in Google Calendar, Outlook or Apple Calendar to see when your courses are due
        {team ? ", and when your direct reports' courses are due" : ""}. Your calendar app checks the link for changes by itself.
      </p>
      {revoked ? <Notice tone="success">Your calendar link is turned off. Calendars subscribed to it stop updating.</Notice> : null}
      {links ? (
        <div className="space-y-3">
          <Notice tone="success">Your new link is ready. Copy it now: Baton shows it only this once.</Notice>
          <LinkField label="Your due dates" name="calendarLearnerUrl" url={links.learner} />
          {links.team ? <LinkField label="Your team's due dates" name="calendarTeamUrl" url={links.team} /> : null}
          <p className="text-sm text-slate-700">Keep this link private; anyone with it can see your due dates. Make a new link to stop the old one working.</p>
        </div>
      ) : hasFeed ? (
        <p className="text-sm text-slate-700">
          You have a calendar link. Baton cannot show it again; if you lost it, make a new one (the old one stops working).
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Form method="post">
          <Button type="submit" name="intent" value="calendar-create" variant={hasFeed ? "secondary" : "primary"}>
            {hasFeed ? "Make a new link" : "Make a calendar link"}
          </Button>
        </Form>
        {hasFeed ? (
          <ConfirmAction
            label="Turn off"
            triggerVariant="danger"
            title="Turn off your calendar link?"
            effect="Calendars subscribed to your link stop updating and no longer show your due dates. You can make a new link at any time."
            confirmLabel="Turn off the link"
          >
            <input type="hidden" name="intent" value="calendar-revoke" />
          </ConfirmAction>
        ) : null}
      </div>
    </section>
  );
}

function LinkField({ label, name, url }: { label: string; name: string; url: string }) {
  return <Field label={label} name={name} value={url} readOnly onFocus={(e) => e.currentTarget.select()} />;
}
