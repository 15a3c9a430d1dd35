using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// Generated hostile requests at every route: malformed and adversarial bodies, content types, methods,
/// ids and queries. Each request is built to be wrong in at least one way, so every answer must be a
/// 4xx with problem details (the decision page: a Danish 404 page) — never a 5xx, never a 2xx — and
/// afterwards nothing has been created or changed.
/// </summary>
public sealed class HostileInputTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    /// <summary>About ten seconds here.</summary>
    private const int Requests = 10_000;

    private static readonly string Today = AgreementForms.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Generated_hostile_requests_get_only_4xx_problem_details_and_change_nothing()
    {
        // A live agreement waiting for consent (real day length: nothing changes by itself during the test), and an open escalation.
        var target = await host.StartStoredAsync();
        await host.Durable.WaitForInstanceStartAsync(target);
        var escalation = EscalationIds.For(target, "move");
        await host.Services.GetRequiredService<IEscalationRepository>().SaveAsync(
            new EscalationRecord { EscalationId = escalation, AgreementId = target, Reason = EscalationReason.MoveOverdue, Subject = "move", Level = 1, Status = EscalationStatus.Open, RaisedAt = DateTimeOffset.UtcNow },
            CancellationToken.None);

        var before = await SnapshotAsync(target);
        var answered = 0;

        // Forged identities ride on requests of their own (a header set per request overrides none a client sends by default).
        using var anonymous = new HttpClient { BaseAddress = host.Api.BaseAddress };
        using var odense = new HttpClient { BaseAddress = host.Api.BaseAddress }.SignedInAs(TestIdentities.Person("cw-odense", [Mobilitet.Workflows.Identity.Roles.Caseworker], "0461"));

        await HostileRequests.For(target, escalation).SampleAsync(
            async request =>
            {
                using var message = request.ToMessage();
                using var response = await (request.Identity switch
                {
                    Identity.Forged => anonymous,
                    Identity.OtherMunicipality => odense,
                    _ => host.Api,
                }).SendAsync(message);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                Assert.True(status is >= 400 and < 500, $"{request}\n→ {status} {body}");
                Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
                if (!request.Path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    // A page answers a person: a Danish page, never problem details, never the hostile text as markup.
                    Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                    Assert.Contains("<html lang=\"da\"", body, StringComparison.Ordinal);
                    Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
                }
                else if (response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    // The decision page answers a person: a Danish page, not problem details.
                    Assert.True(request.Path.Contains("/decide", StringComparison.Ordinal), $"{request}\n→ HTML from a JSON route");
                    Assert.Equal(404, status);
                    Assert.Contains("Eskaleringen findes ikke", body, StringComparison.Ordinal);
                    Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    var problem = JsonNode.Parse(body)!;
                    Assert.Equal(status, problem["status"]!.GetValue<int>());
                    Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), body);
                }
                Interlocked.Increment(ref answered);
            },
            iter: Requests,
            threads: 2,
            print: request => request.ToString());

        Assert.True(answered >= Requests);
        Assert.Equal(before, await SnapshotAsync(target));
    }

    /// <summary>Everything a hostile request could have changed: the list, the target's details, decisions, vault, engine.</summary>
    private async Task<string> SnapshotAsync(string target)
    {
        using var list = await host.Api.GetAsync(new Uri("/api/agreements", UriKind.Relative));
        var count = JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray().Count;
        var details = (await host.GetAsync(target)).ToJsonString();
        var decisions = host.Services.GetRequiredService<IDecisionLog>();
        var recorded = new List<string>();
        foreach (var subject in new[] { DecisionSubjects.Consent, DecisionSubjects.Financing, DecisionSubjects.Move, EscalationIds.For(target, "move") })
        {
            recorded.Add((await decisions.FindAsync(target, subject, CancellationToken.None))?.Subject ?? "-");
        }

        var vault = host.Services.GetRequiredService<IPersonalDataVault>();
        var stopReason = (await vault.FindAsync(target, CancellationToken.None))?.StopReason ?? "-";
        var note = await vault.FindEscalationNoteAsync(target, EscalationIds.For(target, "move"), CancellationToken.None) ?? "-";
        var instances = 0;
        await foreach (var _ in host.Durable.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            instances++;
        }

        var runtime = (await host.Durable.GetInstanceAsync(target))?.RuntimeStatus;
        return $"agreements={count}\ninstances={instances} target={runtime}\ndecisions={string.Join(',', recorded)}\nstop={stopReason} note={note}\n{details}";
    }

    /// <summary>Who a request claims to be: the test's own person (every role everywhere), a forged header, or a caseworker of another municipality.</summary>
    private enum Identity
    {
        Host,
        Forged,
        OtherMunicipality,
    }

    /// <summary>One generated request: the route, the method, the content type and the raw body bytes.</summary>
    private sealed record HostileRequest(string Method, string Path, string? ContentType, byte[]? Body, string Defect, Identity Identity = Identity.Host, string? Principal = null)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path, UriKind.Relative));
            if (Principal is not null)
            {
                message.Headers.TryAddWithoutValidation(Mobilitet.Workflows.Hosting.Identity.ClientPrincipal.HeaderName, Principal);
            }

            if (Body is not null)
            {
                message.Content = new ByteArrayContent(Body);
                message.Content.Headers.ContentType = ContentType is null ? null : MediaTypeHeaderValue.Parse(ContentType);
            }

            return message;
        }

        public override string ToString()
        {
            var text = Body is null ? "(no body)" : Encoding.UTF8.GetString(Body);
            return $"{Method} {Path} [{ContentType ?? "no content type"}] as {Identity} defect: {Defect}\n{(text.Length > 300 ? text[..300] + "…" : text)}";
        }
    }

    /// <summary>
    /// Builds requests that are each wrong in at least one way a hostile or careless client would try.
    /// Not here: what Kestrel refuses at the protocol level before any of our code runs (a NUL in the
    /// path, a request line over 32 KB): it answers a bare 400 itself, which no middleware can reword.
    /// </summary>
    private static class HostileRequests
    {
        private const string Json = "application/json";

        private static readonly string[] WrongContentTypes =
        [
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
            "application/json; charset=latin1", "text/json", "application/jsonp", "application/problem+json",
        ];

        private static readonly string[] HostileText =
        [
            "\u0001", "\u0000", "\u001b[31m", "\u007f", "\u0085", "\u009b", "\u202e", "\u202d", "\u2066", "\u2069",
            "\ufdd0", "\uffff", "\ufffe", "\ud800", "\udfff",
        ];

        private static readonly string[] InvisibleOnly = ["\u200b", "\u200b\u200d\u2060", "\ufeff", "\u00ad\u200c", " \u200b "];

        private static readonly string[] BadIds =
        [
            "fa-00000000000000000000", "fa-0000000000000000000", "FA-00000000000000000000", "0101901234", "010190-1234",
            "fa-' or 1 eq 1", "%2e%2e", "..%2f..%2fetc%2fpasswd", "fa-%E2%80%AE0000", "PartitionKey%20eq%20'0751'",
            new string('a', 2000), "fa-ααααααααααααααααααα", "<script>alert(1)</script>", "fa-00000000000000000000%20",
        ];

        public static Gen<HostileRequest> For(string agreementId, string escalationId)
        {
            var bodies = new (string Path, JsonObject Valid, string[] TextFields)[]
            {
                ("/api/agreements", AgreementForms.Valid(AgreementForms.Today.AddDays(30)), ["housingAssociation", "fromArea", "toArea"]),
                ($"/api/agreements/{agreementId}/consent", new() { ["decision"] = "given" }, ["decision"]),
                ($"/api/agreements/{agreementId}/financing", new() { ["decision"] = "approved", ["approvedDkk"] = 1000, ["reason"] = "Begrundet" }, ["decision", "reason"]),
                ($"/api/agreements/{agreementId}/move", new() { ["movedOn"] = Today, ["toArea"] = "Viby" }, ["toArea"]),
                ($"/api/agreements/{agreementId}/measurements", AgreementForms.OnTrack("M3"), ["milestone"]),
                ($"/api/agreements/{agreementId}/cancel", new() { ["reason"] = "Flyttet" }, ["reason"]),
                ($"/api/agreements/{agreementId}/withdraw-consent", new() { ["reason"] = "Ønsker ikke" }, ["reason"]),
                ($"/api/escalations/{escalationId}/decision", new() { ["decision"] = "close", ["note"] = "ok" }, ["note", "decision"]),
            };

            var bodyRoute = Gen.Int[0, bodies.Length - 1].Select(i => bodies[i]);
            var mutated = Gen.Select(bodyRoute, Gen.Int[0, 9], Gen.Int[0, 1_000_000], (route, kind, seed) => Mutate(route.Path, route.Valid, route.TextFields, kind, seed));
            var wrongMethod = Gen.Select(Gen.Int[0, bodies.Length - 1], Gen.OneOf("PUT", "DELETE", "PATCH", "GET"), (i, method) =>
                method == "GET" && i == 0
                    ? new HostileRequest("DELETE", bodies[i].Path, null, null, "wrong method")
                    : new HostileRequest(method, bodies[i].Path, method == "GET" ? null : Json, method == "GET" ? null : Encoding.UTF8.GetBytes(bodies[i].Valid.ToJsonString()), "wrong method"));
            var badId = Gen.Select(Gen.Int[0, BadIds.Length - 1], Gen.OneOf("consent", "financing", "move", "cancel", "get", "decision", "decide"), (i, route) =>
                BadIdRequest(BadIds[i], route, bodies));
            var badQuery = Gen.Select(Gen.String[0, 12], Gen.OneOf("municipality", "status"), (value, name) =>
                new HostileRequest("GET", $"/api/agreements?{name}={Uri.EscapeDataString(name == "municipality" ? "x" + value : "Not" + value)}", null, null, "bad filter"));
            var unknownRoute = Gen.Select(Gen.String["abcdefghijklmnopqrstuvwxyz/"], path =>
                new HostileRequest("GET", "/api/unknown-" + Uri.EscapeDataString(path), null, null, "unknown route"));

            // Pages: every form post without a valid antiforgery token (or with another's), with hostile field values, and
            // every page read with hostile ids and filters.
            var formRoutes = new[]
            {
                "/aftaler/ny", $"/aftaler/{agreementId}/samtykke", $"/aftaler/{agreementId}/finansiering", $"/aftaler/{agreementId}/flytning",
                $"/aftaler/{agreementId}/maaling", $"/aftaler/{agreementId}/annuller", $"/aftaler/{agreementId}/tilbagetraek-samtykke",
                $"/finansiering/{agreementId}/afgoerelse", $"/eskaleringer/{escalationId}/beslutning", $"/opgaver/opfoelgning/{escalationId}/udfoert",
                $"/drift/{agreementId}/handling",
            };
            var pagePost = Gen.Select(Gen.Int[0, formRoutes.Length - 1], Gen.Int[0, HostileText.Length - 1], Gen.Int[0, 3], (route, poison, token) =>
            {
                var antiforgery = token switch { 0 => "", 1 => "&__RequestVerificationToken=forged", 2 => "&__RequestVerificationToken=" + new string('A', 200), _ => "&__RequestVerificationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E" };
                var body = $"decision=given&reason={Uri.EscapeDataString("x" + HostileText[poison])}&approvedDkk=%3Cscript%3Ealert(1)%3C%2Fscript%3E{antiforgery}";
                return new HostileRequest("POST", formRoutes[route], "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(body), "page form without a valid antiforgery token");
            });
            var pageRead = Gen.Select(Gen.Int[0, BadIds.Length - 1], Gen.Int[0, 6], (i, route) =>
            {
                var id = Uri.EscapeDataString(BadIds[i]);
                var path = route switch
                {
                    0 => $"/aftaler/{id}",
                    1 => $"/aftaler/{agreementId}/maalinger/{id}",
                    2 => $"/aftaler/{id}/afregning",
                    3 => i % 2 == 0 ? $"/aftaler?status={id}" : $"/aftaler?kommune={id}",
                    4 => $"/revision?dato={id}",
                    5 => $"/effekt?kohorte={id}",
                    _ => $"/registerudtraek/{id}",
                };
                return new HostileRequest("GET", path, null, null, "page with a malformed id or filter");
            });

            // Identities: a forged or damaged principal header, and a caseworker of another municipality acting on this one's agreement.
            var forged = Gen.Select(Gen.Int[0, bodies.Length - 1], Gen.OneOf("not base64!", "e30=", Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"claims\":[{\"typ\":\"roles\",\"val\":\"administrator\"}]}")), new string('A', 9000)), (i, principal) =>
                new HostileRequest("POST", bodies[i].Path, Json, Encoding.UTF8.GetBytes(bodies[i].Valid.ToJsonString()), "forged identity", Identity.Forged, principal));
            var otherMunicipality = Gen.Select(Gen.Int[1, bodies.Length - 1], i =>
                new HostileRequest("POST", bodies[i].Path, Json, Encoding.UTF8.GetBytes(bodies[i].Valid.ToJsonString()), "another municipality's agreement", Identity.OtherMunicipality));

            return Gen.Frequency((12, mutated), (2, wrongMethod), (3, badId), (1, badQuery), (1, unknownRoute), (3, pagePost), (2, pageRead), (1, forged), (1, otherMunicipality));
        }

        private static HostileRequest BadIdRequest(string id, string route, (string Path, JsonObject Valid, string[] TextFields)[] bodies)
        {
            var body = route switch
            {
                "consent" => bodies[1].Valid,
                "financing" => bodies[2].Valid,
                "move" => bodies[3].Valid,
                "cancel" => bodies[5].Valid,
                "decision" => bodies[7].Valid,
                _ => null,
            };
            var path = route switch
            {
                "get" => $"/api/agreements/{id}",
                "decision" => $"/api/escalations/{id}-esc-move/decision",
                "decide" => $"/api/escalations/{id}-esc-move/decide?token=1.x",
                _ => $"/api/agreements/{id}/{route}",
            };
            return new HostileRequest(body is null ? "GET" : "POST", path, body is null ? null : Json, body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString()), "unknown or malformed id");
        }

        private static HostileRequest Mutate(string path, JsonObject valid, string[] textFields, int kind, int seed)
        {
            var random = new Random(seed);
            var body = (JsonObject)valid.DeepClone();
            var keys = body.Select(pair => pair.Key).ToList();
            var key = keys[random.Next(keys.Count)];
            switch (kind)
            {
                case 0:
                    return Raw(path, WrongContentTypes[random.Next(WrongContentTypes.Length)], body.ToJsonString(), "content type");
                case 1:
                    body["x" + random.Next(1000)] = "extra";
                    return Raw(path, Json, body.ToJsonString(), "unknown field");
                case 2:
                    var text = body.ToJsonString();
                    var duplicate = random.Next(2) == 0 ? key.ToUpperInvariant() : key;
                    return Raw(path, Json, text[..^1] + $",\"{duplicate}\":{body[key]?.ToJsonString() ?? "null"}}}", "duplicate key " + duplicate);
                case 3:
                    body[key] = WrongType(body[key], random);
                    return Raw(path, Json, body.ToJsonString(), "wrong type for " + key);
                case 4:
                    var field = textFields[random.Next(textFields.Length)];
                    var poison = HostileText[random.Next(HostileText.Length)];
                    var current = body[field]?.GetValue<string>() ?? "Viby";
                    // Escaped by hand: System.Text.Json would refuse to write a lone surrogate at all.
                    body[field] = "__POISON__";
                    var escaped = string.Concat(poison.Select(c => $"\\u{(int)c:x4}"));
                    return Raw(path, Json, body.ToJsonString().Replace("__POISON__", current[..(current.Length / 2)] + escaped + current[(current.Length / 2)..], StringComparison.Ordinal), $"hostile character U+{(int)poison[0]:X4} in {field}");
                case 5:
                    var blankField = textFields[random.Next(textFields.Length)];
                    body[blankField] = InvisibleOnly[random.Next(InvisibleOnly.Length)];
                    return Raw(path, Json, body.ToJsonString(), "invisible-only text in " + blankField);
                case 6:
                    var json = body.ToJsonString();
                    var broken = random.Next(4) switch
                    {
                        0 => json[..random.Next(1, json.Length - 1)],
                        1 => json[..^1] + ",}",
                        2 => "/* c */" + json,
                        _ => json.Replace('"', '\''),
                    };
                    return Raw(path, Json, broken, "broken JSON");
                case 7:
                    var bytes = Encoding.UTF8.GetBytes(body.ToJsonString()).ToList();
                    var at = bytes.IndexOf((byte)'"', 2) + 1;
                    bytes.InsertRange(at, random.Next(2) == 0 ? [0xC3, 0x28] : [0xFF]);
                    return new HostileRequest("POST", path, Json, [.. bytes], "invalid UTF-8");
                case 8:
                    body[textFields[random.Next(textFields.Length)]] = new string('x', 70_000);
                    return Raw(path, Json, body.ToJsonString(), "oversized body");
                default:
                    var depth = random.Next(70, 400);
                    return Raw(path, Json, body.ToJsonString()[..^1] + ",\"deep\":" + new string('[', depth) + new string(']', depth) + "}", "nesting depth " + depth);
            }
        }

        private static JsonNode WrongType(JsonNode? value, Random random) => value switch
        {
            JsonValue text when text.TryGetValue<string>(out _) => random.Next(3) switch { 0 => new JsonArray(1, 2), 1 => new JsonObject { ["a"] = 1 }, _ => JsonValue.Create(true) },
            JsonValue => random.Next(2) == 0 ? JsonValue.Create("mange") : new JsonArray(),
            JsonObject => random.Next(2) == 0 ? new JsonArray(1) : JsonValue.Create("x"),
            _ => new JsonObject { ["a"] = 1 },
        };

        private static HostileRequest Raw(string path, string contentType, string body, string defect) =>
            new("POST", path, contentType, Encoding.UTF8.GetBytes(body), defect);
    }
}
