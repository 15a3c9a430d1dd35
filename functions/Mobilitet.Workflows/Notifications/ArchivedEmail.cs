namespace Mobilitet.Workflows.Notifications;

/// <summary>
/// The copy of a sent email kept with the agreement's documents (<see cref="Documents.DocumentNames.SentEmail"/>):
/// what went to whom and when, for the timeline and for anyone who must later show what was sent.
/// </summary>
public sealed record ArchivedEmail(EmailMessage Message, DateTimeOffset SentAt);
