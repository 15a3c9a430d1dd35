using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Mobilitet.Functions.Configuration;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Functions.Tests.Configuration;

public sealed class AppServicePublicBaseAddressTests
{
    private static AppServicePublicBaseAddress Address(Uri? configured, string? hostName) => new(
        Options.Create(new EmailLinkOptions { PublicBaseUrl = configured }),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["WEBSITE_HOSTNAME"] = hostName }).Build());

    [Fact]
    public async Task Without_a_configured_address_links_use_the_apps_host_name_over_https()
    {
        Assert.Equal(new Uri("https://func-mobilitet.azurewebsites.net"), await Address(null, "func-mobilitet.azurewebsites.net").GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_configured_address_wins()
    {
        Assert.Equal(new Uri("https://mobilitet.example.dk"), await Address(new Uri("https://mobilitet.example.dk"), "func-mobilitet.azurewebsites.net").GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task With_neither_no_link_is_made_up()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Address(null, null).GetAsync(CancellationToken.None));
    }
}
