"""Sentences of ordinary, non-conflict news, written for this benchmark (templates with slots).

They make the non-conflict articles of a generated news stream. ``CUE_WORD_SENTENCES`` use words
that are also conflict cues ("attack" in football, a "clash" of teams, a fire that "killed" people):
an article with one of them gets past the relevance filter and costs a full extraction, as it would
in a real feed.
"""

from __future__ import annotations

TOWNS = (
    "Nairobi", "Mombasa", "Lagos", "Accra", "Kampala", "Dakar", "Cairo", "Amman", "Beirut", "Istanbul",
    "Karachi", "Lahore", "Dhaka", "Jakarta", "Manila", "Lima", "Bogota", "Quito", "Nakuru", "Eldoret",
)  # fmt: skip
NAMES = (
    "Amina Odhiambo", "Peter Mwangi", "Sara Haddad", "Omar Farouk", "Lucia Mendes", "Daniel Okafor",
    "Grace Njeri", "Yusuf Demir", "Hannah Weiss", "Ravi Menon", "Chen Wei", "Fatima Bello",
)  # fmt: skip
TEAMS = ("City", "United", "Rovers", "Stars", "Rangers", "Wanderers", "Athletic", "Lions")
COMPANIES = ("Kilima Foods", "Sahel Telecom", "Bluewater Shipping", "Northstar Bank", "Greenfield Energy", "Atlas Motors")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")

HEADLINES = (
    "{company} reports higher quarterly profit",
    "{town} {team} win the league title",
    "Heavy rain expected across the region this week",
    "New railway line to open next {month}",
    "Central bank holds interest rate at {pct} percent",
    "Local school wins national science award",
    "Farmers expect record harvest in {town}",
    "City council approves new budget",
)

CUE_WORD_SENTENCES = (
    "{town} {team} beat {town2} {team2} {n} to {n2} in front of a crowd of {big} on {weekday}.",
    "The coach praised his side's attack and said the squad would rest before the cup final.",
    "It was a tense clash between the two best teams in the league, decided by a late penalty.",
    "The visitors fought back after the break but could not find an equaliser.",
    "Two people were killed and {n} injured when a fire broke out in a warehouse in {town} on {weekday}.",
)
"""Ordinary news that uses words of the trigger lexicon (sport, accidents)."""

SENTENCES = (
    "{company} said on {weekday} that its revenue rose {pct} percent in the three months to {month}.",
    "The company plans to open {n} new branches in {town} by the end of the year.",
    "Analysts had expected a smaller increase, citing weak demand in the first half.",
    "Shares in {company} closed {pct} percent higher in {town} on {weekday}.",
    "The central bank said inflation eased to {pct} percent in {month}, the lowest level in two years.",
    "Officials said the new budget would fund {n} additional teachers and {n2} nurses.",
    "The council will meet again on {weekday} to discuss road repairs in the {town} area.",
    "{name}, who chairs the committee, said the plan would be reviewed in {month}.",
    "Weather forecasters expect up to {n} millimetres of rain in {town} over the weekend.",
    "Temperatures are set to fall to {n} degrees by {weekday} night, the meteorological office said.",
    "Farmers in the region said the early rains had helped the maize crop.",
    "Prices of tomatoes and onions dropped at the main market in {town}, traders said.",
    "The new railway line will cut the journey between {town} and {town2} to {n} hours.",
    "Construction of the bridge is expected to be completed in {month}, the ministry said.",
    "{name} scored twice in the second half as the home side secured the title.",
    "The festival in {town} drew more than {big} visitors over {n} days, organisers said.",
    "A new exhibition of contemporary photography opened at the national museum on {weekday}.",
    "{name}, a local author, won the regional literature prize for her second novel.",
    "Researchers at the university in {town} said they had developed a cheaper water filter.",
    "The study, published in {month}, followed {big} households over five years.",
    "Health officials launched a vaccination campaign aimed at {big} children under five.",
    "The hospital in {town} will add {n} beds to its maternity ward, the director said.",
    "Firefighters said the blaze was caused by an electrical fault and was put out within two hours.",
    "A bus carrying {n} passengers overturned on the highway near {town}; police said the driver was speeding.",
    "The road was reopened to traffic later in the day, the highway authority said.",
    "{name} told reporters that the airport expansion would create {big} jobs.",
    "The government said it would lower fuel taxes from {month} to ease the cost of living.",
    "Exports of tea rose {pct} percent in the first quarter, led by demand from Asia.",
    "The telecom regulator approved the merger of {company} and {company2} on {weekday}.",
    "Tourist arrivals in {town} reached {big} in {month}, up from a year earlier.",
    "Students will sit the national examinations from {weekday}, the education ministry said.",
    "The city plans to plant {big} trees along its main roads over the next three years.",
    "Power will be cut in parts of {town} on {weekday} for scheduled maintenance, the utility said.",
    "{company} will invest {n} million dollars in a solar plant outside {town}.",
    "The court adjourned the case until {month} to allow both sides to prepare.",
)
