package errcode_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// TestRoundTrip serves every documented row from a real server and decodes
// each answer back, in both languages.
func TestRoundTrip(t *testing.T) {
	var all []errcode.Code
	for c := range errcode.All() {
		all = append(all, c)
	}
	srv := httptest.NewServer(errcode.Localize(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		i, err := strconv.Atoi(r.URL.Query().Get("row"))
		if err != nil {
			return err
		}
		w.Header().Set("X-Request-Id", "req-"+strconv.Itoa(i))
		return all[i]
	})))
	defer srv.Close()

	for _, lang := range []string{"en-US", "zh-CN"} {
		tag := language.MustParse(lang)
		for i, c := range all {
			req, err := http.NewRequest("GET", srv.URL+"/?row="+strconv.Itoa(i), nil)
			require.NoError(t, err)
			req.Header.Set("Accept-Language", lang)
			resp, err := srv.Client().Do(req)
			require.NoError(t, err)

			err = errcode.FromResponse(resp)
			where := c.Name() + " " + lang
			require.Error(t, err, where)
			assert.True(t, errors.Is(err, c), where)
			var re *errcode.ResponseError
			require.True(t, errors.As(err, &re), where)
			assert.Equal(t, &errcode.ResponseError{
				StatusCode: c.Status(),
				Code:       c,
				WireCode:   c.String(),
				Message:    c.Message(tag),
				RequestID:  "req-" + strconv.Itoa(i),
				Method:     http.MethodGet,
			}, re, where)
		}
	}

	resp, err := srv.Client().Get(srv.URL + "/?row=x")
	require.NoError(t, err)
	err = errcode.FromResponse(resp)
	assert.True(t, errors.Is(err, errcode.InternalServerError))
	assert.NotContains(t, err.Error(), "strconv", "a foreign error's text stays on the server")
}
