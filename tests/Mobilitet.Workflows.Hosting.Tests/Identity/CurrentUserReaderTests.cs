using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Hosting.Tests.Identity;

public sealed class CurrentUserReaderTests
{
    private static readonly string Header = ClientPrincipal.Write("oid-1", "Søren", [Roles.Caseworker], ["0751"]);

    private static (CurrentUserReader Reader, DevelopmentSignIn SignIn) Reader(IdentityOptions options)
    {
        var signIn = new DevelopmentSignIn(new EphemeralDataProtectionProvider(), Options.Create(options));
        return (new CurrentUserReader(Options.Create(options), signIn), signIn);
    }

    private static DefaultHttpContext Request(string remoteIp, string? header = null, string? cookie = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remoteIp);
        if (header is not null)
        {
            context.Request.Headers[ClientPrincipal.HeaderName] = header;
        }

        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{DevelopmentSignIn.CookieName}={cookie}";
        }

        return context;
    }

    [Theory]
    [InlineData("127.0.0.2", true)]
    [InlineData("::ffff:127.0.0.2", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.7", false)]
    public void Without_the_development_identity_the_header_counts_only_from_the_identity_proxy(string remote, bool trusted)
    {
        var options = new IdentityOptions();
        options.TrustedProxies.Add("127.0.0.2");

        var user = Reader(options).Reader.Read(Request(remote, Header));

        Assert.Equal(trusted, user is not null);
        Assert.False(user?.IsDevelopment ?? false);
    }

    [Fact]
    public void With_the_development_identity_any_client_may_send_the_header_and_the_user_is_marked_development()
    {
        var user = Reader(new IdentityOptions { Development = true }).Reader.Read(Request("10.0.0.7", Header));

        Assert.Equal(("oid-1", "Søren", true), (user!.Id, user.Name, user.IsDevelopment));
        Assert.True(user.MayActAs(Roles.Caseworker, "0751"));
        Assert.False(user.MayActAs(Roles.Caseworker, "0461"));
    }

    [Fact]
    public void The_development_sign_in_cookie_is_read_only_with_the_development_identity_and_only_if_untampered()
    {
        var development = new IdentityOptions { Development = true };
        var (reader, signIn) = Reader(development);
        var response = new DefaultHttpContext();
        signIn.SignIn(response, "dev-1", "Udvikler", [Roles.Supervisor], ["0461"]);
        var cookie = response.Response.Headers.SetCookie.ToString().Split(';')[0].Split('=', 2)[1];

        Assert.Equal("dev-1", reader.Read(Request("127.0.0.1", cookie: Uri.UnescapeDataString(cookie)))?.Id);
        Assert.Null(reader.Read(Request("127.0.0.1", cookie: "tampered")));

        var production = new IdentityOptions();
        Assert.Null(new CurrentUserReader(Options.Create(production), signIn).Read(Request("127.0.0.1", cookie: Uri.UnescapeDataString(cookie))));
    }

    [Fact]
    public void In_Azure_the_platform_sets_the_header_and_there_is_no_development_sign_in()
    {
        var (reader, _) = Reader(new IdentityOptions { HeaderSetByPlatform = true, Development = false });

        Assert.Equal("oid-1", reader.Read(Request("10.0.0.7", Header))?.Id);
        Assert.Null(reader.Read(Request("10.0.0.7")));
    }

    [Fact]
    public void The_email_address_comes_from_the_email_claim_and_is_absent_when_no_claim_holds_one()
    {
        var withEmail = ClientPrincipal.Read(ClientPrincipal.Write("oid-2", "Tilsyn", [Roles.Supervisor], ["0751"], email: "tilsyn1@example.dk"), "municipality", isDevelopment: false);
        var without = ClientPrincipal.Read(Header, "municipality", isDevelopment: false);

        Assert.Equal("tilsyn1@example.dk", withEmail?.Email);
        Assert.NotNull(without);
        Assert.Null(without.Email);
    }
}
