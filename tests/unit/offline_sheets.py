"""Small host and intern sheets (CSV) for the offline commands' tests."""

HOSTS = """\
id,name,organisation,sector,municipality,capacity,days,topics,ranking
UHOST1,Bo Hansen,Ærø Kommune,kommune,Ærø,2,man;tir,klima;Ledelse,
h2,Cille Dahl,Region Midtjylland,region,Viborg,1,ons,sundhed,i2
h3,Dan Berg,Digitaliseringsstyrelsen,stat,København,1,fre,digitalisering;robotter,
"""
INTERNS = """\
id,name,organisation,sector,municipality,days,topics,wanted_sectors,wanted_regions,choices
UANNA1,Anna Jensen,Styrelsen for Dataforsyning,stat,København,man,klima,kommune,,
i2,Emil Krog,Viborg Kommune,kommune,Viborg,ons;fre,sundhed,,Midtjylland,h2
i3,Frida Lund,Odense Kommune,kommune,Odense,tir,klima,,,UHOST1;h3
i4,Gorm Vang,Skat,stat,Aarhus,tor,klima,,,
"""
