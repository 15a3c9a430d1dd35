using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Hosting.Http.Requests;

/// <summary>Turns posted requests into validated values, collecting every field error in Danish.</summary>
public static class RequestValidation
{
    public const decimal MaxAmountDkk = 10_000_000m;
    public const int MaxSupervisors = 5;
    public const int NameLength = 200;
    public const int TextLength = 1000;
    public const int NoteLength = 2000;

    public static readonly IReadOnlyDictionary<string, MoveDirection> Directions =
        new Dictionary<string, MoveDirection> { ["out"] = MoveDirection.Out, ["in"] = MoveDirection.In };

    public static readonly IReadOnlyDictionary<string, bool> ConsentDecisions =
        new Dictionary<string, bool> { ["given"] = true, ["declined"] = false };

    public static readonly IReadOnlyDictionary<string, bool> FinancingDecisions =
        new Dictionary<string, bool> { ["approved"] = true, ["rejected"] = false };

    public static readonly IReadOnlyDictionary<string, Milestone> MilestoneNames =
        Milestones.InOrder.ToDictionary(milestone => milestone.ToString());

    public static readonly IReadOnlyDictionary<string, EscalationDecision> EscalationDecisions =
        new Dictionary<string, EscalationDecision>
        {
            ["acknowledged"] = EscalationDecision.Acknowledged,
            ["follow-up"] = EscalationDecision.FollowUp,
            ["extend-monitoring"] = EscalationDecision.ExtendMonitoring,
            ["close"] = EscalationDecision.Close,
        };

    public static string ApiName(this EscalationDecision decision) =>
        EscalationDecisions.First(pair => pair.Value == decision).Key;

    public static NewAgreement? Validate(CreateAgreementRequest request, DateOnly today, ValidationErrors errors, string defaultInstrument = InstrumentCatalog.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var municipality = MunicipalityCode("municipalityCode", request.MunicipalityCode, errors);
        var housingAssociation = errors.RequiredText("housingAssociation", request.HousingAssociation, NameLength);
        var direction = errors.Choice("direction", request.Direction, Directions);
        var fromArea = errors.RequiredText("fromArea", request.FromArea, NameLength);
        var toArea = errors.OptionalText("toArea", request.ToArea, NameLength);
        var resident = Resident(request.Resident, errors);
        var caseworker = Caseworker(request.Caseworker, errors);
        var supervisors = Supervisors(request.Supervisors, errors);
        var baseline = Baseline(request.Baseline, errors);
        var requested = errors.Required("financing", request.Financing) is { } financing
            ? errors.Amount("financing.requestedDkk", financing.RequestedDkk, MaxAmountDkk, allowZero: false)
            : null;
        var purpose = request.Financing is { } withPurpose ? errors.RequiredText("financing.purpose", withPurpose.Purpose, TextLength) : null;
        var instrument = Instrument(request.Financing?.Instrument ?? defaultInstrument, requested, errors);
        var policy = request.Policy ?? PolicyCatalog.DefaultName;
        if (!PolicyCatalog.TryGet(policy, out var rules))
        {
            errors.Add("policy", Messages.PolicyUnknown);
        }

        var planned = errors.Date("plannedMoveDate", request.PlannedMoveDate);
        if (planned < today)
        {
            errors.Add("plannedMoveDate", Messages.PlannedMoveInPast);
        }
        else if (planned is { } date && rules is not null && date.DayNumber - today.DayNumber > rules.Dates.PlannedMoveMaxDaysAhead)
        {
            // The policy's window keeps every date the workflow derives from it (reminders, milestones) sane.
            errors.Add("plannedMoveDate", Messages.PlannedMoveTooFarAhead(rules.Dates.PlannedMoveMaxDaysAhead));
        }

        if (!errors.IsEmpty)
        {
            return null;
        }

        return new NewAgreement(
            municipality!, housingAssociation!, direction!.Value, fromArea!, toArea, planned!.Value, policy,
            baseline!, requested!.Value, new AgreementPersonalData(resident!, caseworker!, supervisors!, purpose!))
        {
            InstrumentName = instrument!.Name,
        };
    }

    /// <summary>The instrument, if it exists and finances the requested amount (its minimum to its cap).</summary>
    private static FinancingInstrument? Instrument(string name, decimal? requested, ValidationErrors errors)
    {
        if (!InstrumentCatalog.TryGet(name, out var instrument))
        {
            errors.Add("financing.instrument", Messages.InstrumentUnknown);
            return null;
        }

        if (requested is { } amount && (amount < instrument.MinAmountDkk || amount > instrument.MaxAmountDkk))
        {
            errors.Add("financing.requestedDkk", Messages.AmountOutsideInstrument(instrument.MinAmountDkk, instrument.MaxAmountDkk));
        }

        return instrument;
    }

    public static string? MunicipalityCode(string field, string? code, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(field, Messages.Required);
            return null;
        }

        if (code.Length != 4 || !code.All(char.IsAsciiDigit))
        {
            errors.Add(field, Messages.MunicipalityFormat);
            return null;
        }

        if (!MunicipalityRegistry.TryGet(code, out _))
        {
            errors.Add(field, Messages.MunicipalityUnknown);
            return null;
        }

        return code;
    }

    public static IndicatorValues? Indicators(string prefix, decimal? rate, decimal? draw, decimal? tax, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var validRate = errors.Rate(prefix + "selfSufficiencyRate", rate);
        var validDraw = errors.Amount(prefix + "resourceDrawDkk", draw, MaxAmountDkk);
        var validTax = errors.Amount(prefix + "taxPaidDkk", tax, MaxAmountDkk);
        return validRate is { } r && validDraw is { } d && validTax is { } t ? new IndicatorValues(r, d, t) : null;
    }

    private static Resident? Resident(ResidentRequest? resident, ValidationErrors errors)
    {
        if (errors.Required("resident", resident) is null)
        {
            return null;
        }

        var cpr = CprNumber.Normalise(resident!.Cpr, out var cprError);
        if (string.IsNullOrWhiteSpace(resident.Cpr))
        {
            errors.Add("resident.cpr", Messages.Required);
        }
        else if (cprError is not null)
        {
            errors.Add("resident.cpr", cprError);
        }

        var name = errors.RequiredText("resident.name", resident.Name, NameLength);
        var email = errors.Email("resident.email", resident.Email, required: false);
        var phone = Phone("resident.phone", resident.Phone, errors);
        return cpr is null || name is null ? null : new Resident(cpr, name, email, phone);
    }

    private static Caseworker? Caseworker(CaseworkerRequest? caseworker, ValidationErrors errors)
    {
        if (errors.Required("caseworker", caseworker) is null)
        {
            return null;
        }

        var name = errors.RequiredText("caseworker.name", caseworker!.Name, NameLength);
        var email = errors.Email("caseworker.email", caseworker.Email);
        return name is null || email is null ? null : new Caseworker(name, email);
    }

    private static List<string>? Supervisors(IReadOnlyList<string?>? supervisors, ValidationErrors errors)
    {
        if (supervisors is not { Count: > 0 })
        {
            errors.Add("supervisors", Messages.AtLeastOneSupervisor);
            return null;
        }

        if (supervisors.Count > MaxSupervisors)
        {
            errors.Add("supervisors", Messages.TooMany(MaxSupervisors));
            return null;
        }

        var emails = supervisors.Select((email, index) => errors.Email($"supervisors[{index}]", email)).ToList();
        if (emails.Any(email => email is null))
        {
            return null;
        }

        if (emails.Distinct(StringComparer.OrdinalIgnoreCase).Count() != emails.Count)
        {
            errors.Add("supervisors", Messages.DuplicateSupervisor);
            return null;
        }

        return emails!;
    }

    private static IndicatorValues? Baseline(BaselineRequest? baseline, ValidationErrors errors) =>
        errors.Required("baseline", baseline) is { } values
            ? Indicators("baseline.", values.SelfSufficiencyRate, values.ResourceDrawDkk, values.TaxPaidDkk, errors)
            : null;

    private static string? Phone(string field, string? phone, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var compact = phone.Replace(" ", string.Empty, StringComparison.Ordinal);
        var digits = compact.StartsWith("+45", StringComparison.Ordinal) ? compact[3..] : compact;
        if (digits.Length != 8 || !digits.All(char.IsAsciiDigit))
        {
            errors.Add(field, Messages.Phone);
            return null;
        }

        return "+45" + digits;
    }
}
