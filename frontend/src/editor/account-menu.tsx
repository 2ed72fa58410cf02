/** Who is signed in, with the way to sign in, sign up or log out. */

import { useEffect, useState } from "react";

import { loginUrl, me, signupUrl } from "../api/rest";

type Account = { state: "loading" } | { state: "anonymous" } | { state: "signed-in"; username: string };

export function AccountMenu() {
  const [account, setAccount] = useState<Account>({ state: "loading" });
  useEffect(() => {
    let live = true;
    void me().then((result) => {
      if (!live) return;
      if (result.ok && result.value.username) setAccount({ state: "signed-in", username: result.value.username });
      else setAccount({ state: "anonymous" });
    });
    return () => {
      live = false;
    };
  }, []);

  if (account.state === "loading") return null;
  if (account.state === "anonymous") {
    return (
      <nav className="account" aria-label="Account" data-testid="account" data-state="anonymous">
        <a className="hlink" href={loginUrl()}>
          Sign in
        </a>
        <a className="hbtn hbtn-light" href={signupUrl()}>
          Sign up
        </a>
      </nav>
    );
  }
  return (
    <nav className="account" aria-label="Account" data-testid="account" data-state="signed-in">
      <span className="account-name" title="Signed in">
        {account.username}
      </span>
      {/* Logging out is a POST (a link must not log anyone out): the page asks to confirm. */}
      <a className="hlink" href="/accounts/logout/">
        Log out
      </a>
    </nav>
  );
}
