"""The 2020/21 Q2 covering report and directorate narratives, in the words of seed 004."""

from datetime import date

QUARTER_END = date(2020, 9, 30)

COVERING = {
    "report_from": "Roger Gough, Leader of the Council; David Cockburn, Corporate Director Strategic and "
                   "Corporate Services",
    "report_to": "Cabinet",
    "meeting_date": date(2020, 12, 7),
    "subject": "Quarterly Performance Report, Quarter 2, 2020/21",
    "classification": "Unrestricted",
    "summary": "The Quarterly Performance Report monitors the council's performance against targets for its Key "
               "Performance Indicators (KPIs) and shows the activity levels that drive demand for services. "
               "Services continued to adapt to the Coronavirus pandemic during the quarter.",
    "recommendation": "Cabinet is asked to NOTE the Quarter 2 Performance Report.",
    "contact_details": "Strategic Commissioning – Analytics\nE-mail: performance@kent.gov.uk\nPhone: 03000 416091",
}

# directorate slug → (executive summary paragraph, directorate section narrative)
NARRATIVES = {
    "customer-services": (
        "Satisfaction with Contact Point advisors achieved target, and the percentage of phone calls answered "
        "continues to exceed target. The percentage of complaints responded to within timescale improved but "
        "remained below target, and the number of complaints received increased. Visits to the KCC website "
        "continue to increase.",
        "Customer contact through Contact Point (KCC's call centre) is provided via a strategic partnership, "
        "whilst Digital services are provided by KCC. Satisfaction with Contact Point advisors, and the percentage "
        "of calls answered by Contact Point both met target.\n\n"
        "There were 1,886 complaints received between July and September, an increase of 93% on the previous "
        "quarter. 84% of complaints were responded to within 20 working days which is an increase, but it remains "
        "below the 85% target.",
    ),
    "economic-development-communities": (
        "The No Use Empty programme, which returns long term empty domestic properties into active use, continues "
        "to exceed its rolling 12 months target. The amount of Developer Contributions secured achieved 100% of "
        "the total sought for the second quarter in a row. Visits to libraries have started again.",
        "Kent's Regional Growth Fund (RGF) investments have continued to create and sustain employment "
        "opportunities. The KMBF had committed £10.4m to 76 businesses in Kent and Medway by the end of March "
        "2020. In Quarter 2 the scheme has created 164 new jobs and safeguarded a further 60 jobs.",
    ),
    "environment-transport": (
        "Three of the four indicators for Highways and Transport remained above target. Emergency incidents "
        "attended within 2 hours of notification dropped to 97%, missing the 98% target. The target for Waste "
        "diverted from landfill fell below target due to maintenance work at Allington Energy from Waste plant. "
        "Greenhouse Gas emissions continue to trend downwards, achieving target.",
        "Highways staff and contractors continue to ensure roads and footways are as safe as possible whilst "
        "adapting to the impact of Coronavirus. Performance has been maintained above target for all but one "
        "highway KPI. Response to 2-hour emergency incidents is at 97% against a target of 98%.\n\n"
        "The target for 99% of municipal waste to be recycled or converted to energy and not taken to landfill "
        "was missed by 1% due to delayed maintenance work at Allington Energy from Waste plant.",
    ),
    "children-young-people-education": (
        "Due to Ofsted suspending school inspections until 2021 there is no update for State funded schools or "
        "Early Years settings which are rated Good or Outstanding. Completion of Education, Health and Care Plans "
        "(EHCPs) in timescale improved but remains below the floor standard. Three of the nine Children's "
        "Integrated Services indicators met target, with the other six achieving the floor standard.",
        "Ofsted inspections were halted during the partial closure of schools with plans for them not to resume "
        "until at least January 2021. Based on the rolling 12-month average 31% of EHCPs were completed within "
        "20 weeks (661 out of 2,109). This is an increase of two percentage points since last quarter.\n\n"
        "The percentage of case-holding social worker posts held by permanent qualified social workers "
        "increased in the quarter, from 89.9% in June 2020 to 93.0% in September 2020.",
    ),
    "adult-social-care": (
        "Short-term services which lead to lower or no ongoing support, and the proportion of clients receiving "
        "direct payments, both decreased and did not meet target. The other three indicators all exceeded target, "
        "including the proportion of adults with a learning disability who live in their own home or with family.",
        "Adult Social Care & Health continue to assess the immediate and long-term impact of the Coronavirus "
        "pandemic on services and clients. Over 1,300 clients received short-term services in Quarter 2 2020/21, "
        "a 13% increase on the previous quarter.",
    ),
    "public-health": (
        "NHS Health Check delivery continues to be affected by Coronavirus but health checks have now re-started. "
        "Health visiting for mandated checks continues to increase and exceeded target. The sexual health service "
        "is currently unable to report accurately on its KPI due to Coronavirus.",
        "The NHS Health Check Programme was halted in March due to the Coronavirus pandemic, in line with National "
        "guidance. The service is now on a careful and managed roll-out from Quarter 2 onwards.\n\n"
        "For Quarter 2, 27% of individuals completed treatment successfully over a rolling 12-month period which "
        "is above the target of 26%.",
    ),
}
