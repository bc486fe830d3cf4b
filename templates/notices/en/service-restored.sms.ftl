${companyName}: your service is restored and supplied as before.
