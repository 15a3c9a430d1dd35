using System.Text;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The page a supervisor opens from the escalation email: what the escalation is about, and a form
/// for the decision. Plain HTML in Danish; the form posts JSON to the decision API with the link's token.
/// </summary>
public static class DecisionPage
{
    public static readonly IReadOnlyDictionary<EscalationDecision, string> Labels = new Dictionary<EscalationDecision, string>
    {
        [EscalationDecision.Acknowledged] = "Taget til efterretning",
        [EscalationDecision.FollowUp] = "Følges op",
        [EscalationDecision.ExtendMonitoring] = "Forlæng opfølgningen",
        [EscalationDecision.Close] = "Luk sagen",
    };

    private static readonly IReadOnlyDictionary<EscalationReason, string> Reasons = new Dictionary<EscalationReason, string>
    {
        [EscalationReason.FinancingDecisionOverdue] = "Finansieringen er ikke afgjort inden fristen",
        [EscalationReason.MoveOverdue] = "Flytningen er ikke registreret og er forsinket",
        [EscalationReason.IndicatorBelowThreshold] = "En måling ligger under tærsklen",
        [EscalationReason.MeasurementDataMissing] = "Der mangler data til en måling",
    };

    public static string Render(EscalationRecord escalation, string? token, int? level)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var open = escalation.Status is EscalationStatus.Open or EscalationStatus.Unresolved;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Eskalering – beslutning</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}")
            .Append("fieldset{border:1px solid #767676;padding:1rem}label{display:block;margin:.25rem 0}textarea{width:100%;min-height:5rem}")
            .Append("button{margin-top:1rem;padding:.5rem 1.25rem;font-size:1rem;background:#0b5394;color:#fff;border:0;border-radius:4px}")
            .Append("[role=status]{margin-top:1rem;font-weight:bold}</style></head><body><main>")
            .Append("<h1>Eskalering af flytteaftale</h1><dl>")
            .Append(Item("Flytteaftale", escalation.AgreementId))
            .Append(Item("Årsag", Reasons.GetValueOrDefault(escalation.Reason, escalation.Reason.ToString()) + " (" + escalation.Subject + ")"))
            .Append(Item("Niveau", escalation.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(Item("Status", open ? "Afventer beslutning" : "Afsluttet"))
            .Append("</dl>");

        if (!open)
        {
            html.Append("<p>Eskaleringen er afsluttet")
                .Append(escalation.Decision is { } decided ? ": " + Encode(Labels[decided]) : string.Empty)
                .Append(". Der skal ikke træffes flere beslutninger.</p>");
        }
        else if (level is null)
        {
            html.Append("<p role=\"alert\">Linket er ugyldigt eller hører til en anden eskalering. Brug linket fra den seneste e-mail.</p>");
        }
        else
        {
            html.Append("<form id=\"decision\" data-url=\"").Append(Encode("/" + ApiRoutes.Prefix + "/" + ApiRoutes.EscalationDecision.Replace("{escalationId}", escalation.EscalationId, StringComparison.Ordinal))).Append("\">")
                .Append("<fieldset><legend>Beslutning</legend>");
            foreach (var (decision, label) in Labels)
            {
                var value = decision.ApiName();
                html.Append("<label><input type=\"radio\" name=\"decision\" required value=\"").Append(value).Append("\"> ").Append(Encode(label)).Append("</label>");
            }

            html.Append("</fieldset><label for=\"note\">Bemærkning (valgfri)</label><textarea id=\"note\" name=\"note\" maxlength=\"2000\"></textarea>")
                .Append("<input type=\"hidden\" name=\"token\" value=\"").Append(Encode(token ?? string.Empty)).Append("\">")
                .Append("<button type=\"submit\">Send beslutning</button></form><p role=\"status\" id=\"result\"></p>")
                .Append(Script);
        }

        return html.Append("</main></body></html>").ToString();
    }

    private const string Script = """
        <script>
        document.getElementById('decision').addEventListener('submit', async event => {
          event.preventDefault();
          const form = event.target, result = document.getElementById('result');
          const data = new FormData(form);
          const response = await fetch(form.dataset.url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ decision: data.get('decision'), note: data.get('note') || null, token: data.get('token') })
          });
          if (response.ok) {
            form.hidden = true;
            result.textContent = 'Tak. Beslutningen er registreret.';
          } else {
            const problem = await response.json().catch(() => ({}));
            result.textContent = (problem.title || 'Beslutningen kunne ikke registreres') + (problem.detail ? ': ' + problem.detail : '');
          }
        });
        </script>
        """;

    private static string Item(string term, string value) => $"<dt>{Encode(term)}</dt><dd>{Encode(value)}</dd>";

    private static string Encode(string value) => Html.Encode(value);
}
