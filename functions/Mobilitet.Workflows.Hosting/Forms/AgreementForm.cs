using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Forms;

/// <summary>
/// The *Ny flytteaftale* form as posted (application/x-www-form-urlencoded) turned into the same request
/// the JSON API takes, so one command creates agreements from both. Field names are the API's JSON paths
/// ("resident.cpr", "supervisors[1]"), so the command's field errors land next to the right inputs.
/// The self-sufficiency rate is typed in percent (0–100) and handed on as a fraction.
/// </summary>
public static class AgreementForm
{
    public const int SupervisorFields = RequestValidation.MaxSupervisors;

    public static (CreateAgreementRequest Request, ValidationErrors ParseErrors) Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new ValidationErrors();
        string? Text(string name) => form.TryGetValue(name, out var value) && value.Count == 1 ? value[0] : null;
        decimal? Number(string name, decimal scale = 1)
        {
            if (DanishNumbers.TryParse(Text(name), out var number))
            {
                return number / scale;
            }

            errors.Add(name, Messages.NotANumber);
            return null;
        }

        var supervisors = Enumerable.Range(0, SupervisorFields).Select(index => Text($"supervisors[{index}]"));
        var request = AgreementFields.Request(Text, name => Number(name), name => Number(name, scale: 100), supervisors, Text("policy"), Text("financing.instrument"));
        return (request, errors);
    }
}
