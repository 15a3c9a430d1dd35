namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>The sections of the main menu (one link each). The layout shows the ones a user may open.</summary>
[Flags]
public enum NavigationSections
{
    None = 0,

    /// <summary>Mine opgaver, /.</summary>
    MyTasks = 1,

    /// <summary>Ny flytteaftale, /aftaler/ny.</summary>
    NewAgreement = 2,

    /// <summary>Aftaler, /aftaler.</summary>
    Agreements = 4,

    /// <summary>Finansiering, /finansiering.</summary>
    Financing = 8,

    /// <summary>Eskaleringer, /eskaleringer.</summary>
    Escalations = 16,

    /// <summary>Revision, /revision.</summary>
    Audit = 32,

    /// <summary>Registerudtræk, /registerudtraek.</summary>
    RegisterExtracts = 64,

    /// <summary>Effekt, /effekt.</summary>
    Effects = 128,

    /// <summary>Portefølje, /portefoelje.</summary>
    Portfolio = 256,

    /// <summary>Drift, /drift (administrators).</summary>
    Operations = 512,

    All = MyTasks | NewAgreement | Agreements | Financing | Escalations | Audit | RegisterExtracts | Effects | Portfolio | Operations,
}
