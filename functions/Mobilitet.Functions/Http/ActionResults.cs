using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Mobilitet.Functions.Http;

/// <summary>
/// The Functions ASP.NET Core integration executes <see cref="IActionResult"/> return values, not
/// <see cref="IResult"/>; this adapter lets triggers return what the shared handlers produce.
/// </summary>
public sealed class ResultActionResult(IResult result) : IActionResult
{
    public IResult Result { get; } = result;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Result.ExecuteAsync(context.HttpContext);
    }
}

public static class ActionResults
{
    public static async Task<IActionResult> AsActionResult(this Task<IResult> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ResultActionResult(await result);
    }
}
