using Mobilitet.Lifecycle.Tests.Infrastructure;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>
/// A policy day as long as a real one: no lifecycle timer (reminders after 7 days, the financing deadline after 10,
/// escalation levels of 5) can fire while a browser test runs, so every state the test sees is one a person made.
/// </summary>
public sealed class RealDayHost : LifecycleHost
{
    protected override TimeSpan DayLength => TimeSpan.FromDays(1);
}

/// <summary>
/// The cross-role flow's day: 2 s. The flow needs one timer to fire — M3 falls due at the start of the day three
/// months after the move (the move is dated the day the agreement was made, so about 90 days = 3 minutes after
/// creation), and only then is the manual measurement judged and escalated — while the timers before it must not:
/// the first consent reminder (7 days = 14 s after creation) and the financing deadline (10 days = 20 s after the
/// request) are several times longer than the few seconds the steps before them take in the browser (the test runs
/// its slower screenshot-and-axe checks outside those windows). A shorter day
/// would race the people; a longer one only makes the wait for M3 longer. After M3 the escalation's levels
/// (5 days = 10 s each) may pass before the supervisor decides: an escalation takes a decision at any level and once
/// unresolved, so the test does not depend on it, and M12 (9 months later, 9 minutes) never comes.
/// </summary>
public sealed class TwoSecondDayHost : LifecycleHost
{
    protected override TimeSpan DayLength => TimeSpan.FromSeconds(2);
}
