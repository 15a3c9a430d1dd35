namespace Mobilitet.Workflows.Hosting.Http.Requests;

/// <summary>POST /agreements/search — the resident's CPR number, in the body (a query string would be logged).</summary>
public sealed record CprSearchRequest(string? Cpr);
